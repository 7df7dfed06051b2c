package io.digitnet.inference.web;

import io.digitnet.inference.InputTooLargeException;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The inference feature's exceptions as problem details (the V2 protocol answers its own way: V2ErrorAdvice). */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE_ORDER)
class InferenceProblems {

    @ExceptionHandler
    ProblemDetail invalidInput(InvalidInputException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail inputTooLarge(InputTooLargeException e) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "input-too-large", "Input too large", e.getMessage());
    }
}
