package io.digitnet.models.web;

import io.digitnet.models.AliasConflictException;
import io.digitnet.models.CorruptModelException;
import io.digitnet.models.EvaluationUnavailableException;
import io.digitnet.models.InvalidModelImportException;
import io.digitnet.models.InvalidModelReferenceException;
import io.digitnet.models.ModelDatasetMismatchException;
import io.digitnet.models.ModelInUseException;
import io.digitnet.models.ModelNotFoundException;
import io.digitnet.models.NoModelsException;
import io.digitnet.npy.InvalidNpzException;
import io.digitnet.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The models feature's exceptions as problem details, wherever they are thrown (prediction included). */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE_ORDER)
class ModelProblems {

    @ExceptionHandler
    ProblemDetail modelNotFound(ModelNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "model-not-found", "Model not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail noModels(NoModelsException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "no-model", "No model yet", e.getMessage());
    }

    /** A request naming a dataset and a model of another one: 400 on the dataset field. */
    @ExceptionHandler
    ProblemDetail modelDatasetMismatch(ModelDatasetMismatchException e) {
        return Problems.invalidRequest("Model and dataset do not match",
                java.util.List.of(new Problems.FieldError("dataset", e.getMessage())));
    }

    @ExceptionHandler
    ProblemDetail invalidModelReference(InvalidModelReferenceException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-model-reference", "Invalid model id or alias",
                e.getMessage());
    }

    /** An imported weights file that numpy could not have written or that is not a two-layer network. */
    @ExceptionHandler
    ProblemDetail invalidNpz(InvalidNpzException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-weights", "Invalid weights file",
                e.getMessage());
        problem.setProperty("field", "weights");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidImport(InvalidModelImportException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-model-import", "Invalid model import",
                e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    /** 409: the request is fine, the model's state is not; it stays unservable until it is deleted or restored. */
    @ExceptionHandler
    ProblemDetail corruptModel(CorruptModelException e) {
        return Problems.of(HttpStatus.CONFLICT, "model-corrupt", "Model is corrupt", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail modelInUse(ModelInUseException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "model-in-use", "Model is in use", e.getMessage());
        problem.setProperty("aliases", e.aliases());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail aliasConflict(AliasConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "alias-conflict", "Alias conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail evaluationUnavailable(EvaluationUnavailableException e) {
        return Problems.of(HttpStatus.CONFLICT, "evaluation-unavailable", "Evaluation unavailable", e.getMessage());
    }
}
