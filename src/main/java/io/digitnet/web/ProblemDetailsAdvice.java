package io.digitnet.web;

import io.digitnet.files.DiskFull;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The generic part of turning exceptions into RFC 9457 problem details: Spring MVC's own (malformed bodies, missing
 * parameters and parts, type mismatches, oversized uploads; handled by the base class and, where a field or
 * parameter is at fault, answered with {@code errors}, each naming its {@code field}), and unexpected ones (a generic
 * 500 whose stack trace goes to the server's log only, see {@link FailedRequestLog}). Each feature maps its own
 * exceptions in its {@code web} package with {@link Problems}; this advice is ordered last so that they come first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
// declared here too: MVC test slices pick up filters and advice, but not the configuration properties scan
@EnableConfigurationProperties(LimitSettings.class)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private final LimitSettings limits;
    private final List<EndpointGroup> endpoints;

    ProblemDetailsAdvice(LimitSettings limits, ObjectProvider<EndpointGroup> endpoints) {
        this.limits = limits;
        this.endpoints = endpoints.orderedStream().toList();
    }

    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        return Problems.of(status, slug, title, detail);
    }

    private static ProblemDetail invalidRequest(String title, String field, String message) {
        return Problems.invalidRequest(title, List.of(new Problems.FieldError(field, message)));
    }

    // --- Spring MVC's own client errors: name the parameter or part ---

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        return handleExceptionInternal(ex, invalidRequest("Invalid parameter", field,
                "'" + ex.getValue() + "' is not a valid " + expected), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return handleExceptionInternal(ex, invalidRequest("Missing parameter",
                ex.getParameterName(), "is required"), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return handleExceptionInternal(ex, invalidRequest("Missing part",
                ex.getRequestPartName(), "the multipart part '" + ex.getRequestPartName() + "' is required"),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A chunked multipart upload past {@code spring.servlet.multipart.*} (declared sizes never get this far). */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        // the limit of the endpoint's group (POST /datasets has its own), as BodySizeLimitFilter names it
        String path = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI().substring(servlet.getRequest().getContextPath().length()) : "";
        LimitSettings.Limit limit = limits.limitFor(path, "multipart/form-data", endpoints);
        return handleExceptionInternal(ex, problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                "Request body too large", "The upload is larger than the limit of " + limit.bytes()
                        + " bytes (" + limit.setting() + ")."), headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    /**
     * A multipart body the container cannot parse (no boundary in its Content-Type, a body that does not match it):
     * the client's mistake, not a 500.
     */
    @ExceptionHandler
    ProblemDetail unreadableMultipart(MultipartException e) {
        if (DiskFull.isCause(e)) {
            return diskFull(); // the upload could not be spooled to disk: not the client's mistake
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-multipart", "Unreadable multipart body",
                "The multipart/form-data body could not be read: the Content-Type header needs a boundary "
                        + "(Content-Type: multipart/form-data; boundary=...) that separates the body's parts.");
        problem.setProperty("field", "Content-Type");
        return problem;
    }

    /**
     * A write that found the filesystem full (below the free-space threshold, {@link DiskSpaceGuardFilter} refuses
     * writes before they start; this is the write that fills the last bytes). Every store writes into a temporary
     * name and renames, so nothing was changed; the same problem type as the guard's.
     */
    static ProblemDetail diskFull() {
        return problem(HttpStatus.INSUFFICIENT_STORAGE, DiskSpaceGuardFilter.DISK_FULL, "Disk full",
                "The data directory's filesystem is full (no space left on device): nothing was stored or changed. "
                        + "Free space on it and try again.");
    }

    // --- anything else is a bug: a generic 500, the details only in the server's log ---

    @ExceptionHandler
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return null; // nobody is listening; nothing to answer
        }
        if (DiskFull.isCause(e)) {
            return diskFull();
        }
        FailedRequestLog.recordException(request, e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error",
                "The server could not complete the request. The error has been logged.");
    }

    // --- unreadable bodies: name the field Jackson stumbled on ---

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestBodyTooLargeException tooLarge = causeOf(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) { // a chunked body cut off at its limit, wrapped by the JSON reader: not a 400
            return handleExceptionInternal(ex, tooLarge.getBody(), headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        JacksonException cause = causeOf(ex, JacksonException.class);
        ProblemDetail body;
        if (cause == null || cause.getPath().isEmpty()) {
            String reason = cause == null ? "the request body is missing or is not JSON"
                    : "the request body is not valid JSON: " + cause.getOriginalMessage();
            body = problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body", reason);
        } else {
            String field = path(cause);
            String message = cause instanceof PropertyBindingException unknown
                    ? "unknown field; known fields: " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                            .sorted().collect(Collectors.joining(", "))
                    : cause instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType())
                    : "has the wrong type";
            body = invalidRequest("Invalid request body", field, message);
        }
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be an object";
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The JSON path of the failing value, e.g. {@code earlyStopping.patience}. */
    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

}
