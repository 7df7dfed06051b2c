package io.digitnet.web;

import io.digitnet.files.DiskFull;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/** The answers {@link BodyDeadlineFilter} gives itself, for a body it could not take in full: problem details. */
final class BodyProblems {

    private static final Logger log = LoggerFactory.getLogger(BodyDeadlineFilter.class);

    private final ProblemResponses problems;

    BodyProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    /** 408: the body did not come in time; the connection is closed, which frees what it held. */
    void tooSlow(HttpServletRequest request, HttpServletResponse response, BodyReader.Deadline deadline, long came)
            throws IOException {
        response.setHeader("Connection", "close");
        problems.write(request, response, HttpStatus.REQUEST_TIMEOUT, "body-timeout", "Request body too slow",
                "The request body did not arrive within " + deadline.time().toMillis() + " ms (" + came
                        + " bytes came); see " + deadline.setting() + ".");
    }

    /** 413: a streamed multipart body cut off past its limit; its parts cannot be parsed, and it is not a bad body. */
    void tooLarge(HttpServletRequest request, HttpServletResponse response, LimitSettings.Limit limit)
            throws IOException {
        problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                RequestBodyTooLargeException.problem(limit.bytes(), limit.setting()).getDetail());
    }

    /** A body that could not be written to its spool file: 507 when the disk is full, a logged 500 otherwise. */
    void notSpooled(HttpServletRequest request, HttpServletResponse response, IOException failure)
            throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is not read
        if (DiskFull.isCause(failure)) {
            problems.write(request, response, HttpStatus.INSUFFICIENT_STORAGE, DiskSpaceGuardFilter.DISK_FULL,
                    "Disk full", "The upload could not be received: the data directory's filesystem is full (no "
                            + "space or no inodes left), so its body cannot be spooled to disk. Nothing was stored; "
                            + "free space on it and try again.");
        } else {
            log.error("request body to {} could not be spooled to disk", request.getRequestURI(), failure);
            problems.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "Internal server error", "The server could not complete the request. The error has been logged.");
        }
    }
}
