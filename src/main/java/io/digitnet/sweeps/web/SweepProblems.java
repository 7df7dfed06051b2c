package io.digitnet.sweeps.web;

import io.digitnet.sweeps.InvalidSweepException;
import io.digitnet.sweeps.SweepNotCancellableException;
import io.digitnet.sweeps.SweepNotFoundException;
import io.digitnet.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The sweeps feature's exceptions as problem details. */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE_ORDER)
class SweepProblems {

    @ExceptionHandler
    ProblemDetail invalidSweep(InvalidSweepException e) {
        return Problems.invalidRequest("Invalid sweep request", e.violations().stream()
                .map(v -> new Problems.FieldError(v.field(), v.message())).toList());
    }

    @ExceptionHandler
    ProblemDetail sweepNotFound(SweepNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "sweep-not-found", "Sweep not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail sweepNotCancellable(SweepNotCancellableException e) {
        return Problems.of(HttpStatus.CONFLICT, "sweep-ended", "Sweep already ended", e.getMessage());
    }
}
