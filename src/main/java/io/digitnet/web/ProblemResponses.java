package io.digitnet.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details from servlet filters, which run before Spring MVC's exception handling, in the
 * same shape as {@link ProblemDetailsAdvice}. On the V2 protocol's paths the problem also carries {@code error}, the
 * one member the protocol's clients read. Not a bean: each filter makes its own, so that a filter needs nothing
 * but the JSON mapper (MVC test slices build the filters but no other components).
 */
final class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
                      String title, String detail) throws IOException {
        ProblemDetail problem = Problems.of(status, slug, title, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        if (request.getRequestURI().startsWith(request.getContextPath() + "/v2/")) {
            problem.setProperty("error", detail);
        }
        FailedRequestLog.recordProblem(request, problem);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
