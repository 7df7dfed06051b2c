package io.digitnet.web;

import io.digitnet.inference.InputTooLargeException;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.models.AliasConflictException;
import io.digitnet.models.CorruptModelException;
import io.digitnet.models.EvaluationUnavailableException;
import io.digitnet.models.InvalidModelImportException;
import io.digitnet.models.InvalidModelReferenceException;
import io.digitnet.models.InvalidNpzException;
import io.digitnet.models.ModelInUseException;
import io.digitnet.models.ModelNotFoundException;
import io.digitnet.models.NoModelsException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where domain exceptions become RFC 9457 problem details; Spring MVC's own exceptions (malformed
 * bodies, missing parts, type mismatches, oversized uploads) are handled by the base class the same way.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    // --- models ---

    @ExceptionHandler(ModelNotFoundException.class)
    ProblemDetail modelNotFound(ModelNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Model not found", e);
    }

    @ExceptionHandler(NoModelsException.class)
    ProblemDetail noModels(NoModelsException e) {
        return problem(HttpStatus.NOT_FOUND, "No model yet", e);
    }

    @ExceptionHandler(InvalidModelReferenceException.class)
    ProblemDetail invalidModelReference(InvalidModelReferenceException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid model id or alias", e);
    }

    @ExceptionHandler(InvalidNpzException.class)
    ProblemDetail invalidNpz(InvalidNpzException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid weights file", e);
    }

    @ExceptionHandler(InvalidModelImportException.class)
    ProblemDetail invalidImport(InvalidModelImportException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid model import", e);
        problem.setProperty("field", e.field());
        return problem;
    }

    /** 409: the request is fine, the model's state is not; it stays unservable until it is deleted or restored. */
    @ExceptionHandler(CorruptModelException.class)
    ProblemDetail corruptModel(CorruptModelException e) {
        return problem(HttpStatus.CONFLICT, "Model is corrupt", e);
    }

    @ExceptionHandler(ModelInUseException.class)
    ProblemDetail modelInUse(ModelInUseException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Model is in use", e);
        problem.setProperty("aliases", e.aliases());
        return problem;
    }

    @ExceptionHandler(AliasConflictException.class)
    ProblemDetail aliasConflict(AliasConflictException e) {
        return problem(HttpStatus.CONFLICT, "Alias conflict", e);
    }

    @ExceptionHandler(EvaluationUnavailableException.class)
    ProblemDetail evaluationUnavailable(EvaluationUnavailableException e) {
        return problem(HttpStatus.CONFLICT, "Evaluation unavailable", e);
    }

    // --- inference ---

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e);
    }

    @ExceptionHandler(InputTooLargeException.class)
    ProblemDetail inputTooLarge(InputTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Input too large", e);
    }

    private static ProblemDetail problem(HttpStatus status, String title, RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        return problem;
    }
}
