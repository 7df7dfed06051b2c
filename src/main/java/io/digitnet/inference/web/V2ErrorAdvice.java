package io.digitnet.inference.web;

import io.digitnet.inference.InputTooLargeException;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.UnknownVersionException;
import io.digitnet.models.InvalidModelReferenceException;
import io.digitnet.models.NoModelsException;
import io.digitnet.models.CorruptModelException;
import io.digitnet.models.ModelNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the V2 protocol as it specifies them, {@code {"error": "..."}}, instead of the problem details that the
 * rest of the API answers. Scoped to {@link V2Controller} and ordered first, so it wins over the global handlers there;
 * errors raised before a V2 handler is chosen (unknown paths, wrong methods, filters) are rewritten by
 * {@link V2ErrorBodyFilter}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = V2Controller.class)
class V2ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(V2ErrorAdvice.class);

    @ExceptionHandler({InvalidInputException.class, InvalidModelReferenceException.class})
    ResponseEntity<V2Responses.Error> invalidInput(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InputTooLargeException.class)
    ResponseEntity<V2Responses.Error> tooLarge(InputTooLargeException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler({ModelNotFoundException.class, NoModelsException.class, UnknownVersionException.class})
    ResponseEntity<V2Responses.Error> notFound(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(CorruptModelException.class)
    ResponseEntity<V2Responses.Error> notServable(CorruptModelException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    /** An empty or unreadable body: not an ErrorResponse, so it would otherwise fall through to a 500. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<V2Responses.Error> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "the request body is missing or is not a valid inference request "
                + "(a JSON object with \"inputs\")");
    }

    /** Spring MVC's own 4xx (unreadable body, wrong content type, ...), keeping their status. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<V2Responses.Error> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return error(response.getStatusCode(), detail != null ? detail : e.getMessage());
        }
        log.error("V2 request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private static ResponseEntity<V2Responses.Error> error(HttpStatusCode status, String message) {
        // a preset content type: the error is JSON even when the client's Accept header (the cause of a 406) says not
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new V2Responses.Error(message));
    }
}
