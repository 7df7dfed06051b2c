package io.digitnet.web;

import io.digitnet.inference.InputTooLargeException;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.NoModelYetException;
import io.digitnet.models.CorruptModelException;
import io.digitnet.models.ModelNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where domain exceptions become RFC 9457 problem details. Spring MVC's own exceptions (415, 405,
 * multipart limits as 413, ...) are answered by Boot's problem-details handler ({@code spring.mvc.problemdetails}).
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e);
    }

    @ExceptionHandler(InputTooLargeException.class)
    ProblemDetail inputTooLarge(InputTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Input too large", e);
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ProblemDetail modelNotFound(ModelNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Model not found", e);
    }

    /** 409: the request is fine, the server has nothing to answer it with until a model exists. */
    @ExceptionHandler(NoModelYetException.class)
    ProblemDetail noModelYet(NoModelYetException e) {
        return problem(HttpStatus.CONFLICT, "No model yet", e);
    }

    /** 409: the model exists but its files fail their checksum, so it is not served. */
    @ExceptionHandler(CorruptModelException.class)
    ProblemDetail corruptModel(CorruptModelException e) {
        return problem(HttpStatus.CONFLICT, "Model is corrupt", e);
    }

    private static ProblemDetail problem(HttpStatus status, String title, RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        return problem;
    }
}
