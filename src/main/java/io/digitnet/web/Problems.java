package io.digitnet.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details in this service's style, for every feature's exception handlers: a {@code type} of
 * {@code urn:digitnet:problem:<slug>}, a short title, a detail in words, and for invalid fields {@code errors}, each
 * naming its {@code field}.
 *
 * <p>Each feature maps its own exceptions in a {@code @RestControllerAdvice} of its {@code web} package, ordered
 * {@link #FEATURE_ADVICE_ORDER} so that it is asked before {@link ProblemDetailsAdvice}, whose catch-all turns
 * anything unmapped into a generic 500.
 */
public final class Problems {

    /** The {@code @Order} of the features' exception handlers: before the generic {@link ProblemDetailsAdvice}. */
    public static final int FEATURE_ADVICE_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    /** One field at fault and why. */
    public record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:digitnet:problem:" + slug));
        problem.setTitle(title);
        return problem;
    }

    /** A 400 {@code invalid-request} listing each field at fault in {@code errors}. */
    public static ProblemDetail invalidRequest(String title, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", title,
                errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    /** For 429 and 503: the client may try again after {@code retryAfter} (at least a second). */
    public static ResponseEntity<ProblemDetail> withRetryAfter(ProblemDetail problem, Duration retryAfter) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem);
    }
}
