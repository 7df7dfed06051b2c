package io.digitnet.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The event streams' cap, the same problem for every feature that streams. */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE_ORDER)
class EventStreamProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> eventStreamLimit(EventStreamLimitException e) {
        return Problems.withRetryAfter(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "event-stream-limit",
                "Too many event streams", e.getMessage()), e.retryAfter());
    }
}
