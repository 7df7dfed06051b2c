package io.digitnet.web;

import io.digitnet.datasets.DatasetUnavailableException;
import io.digitnet.datasets.UnknownDatasetException;
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
import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobNotCancellableException;
import io.digitnet.training.JobNotFoundException;
import io.digitnet.training.JobQueueFullException;
import io.digitnet.training.JobViolation;
import io.digitnet.training.web.EventStreamLimitException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The one place where domain exceptions become RFC 9457 problem details; Spring MVC's own exceptions (malformed
 * bodies, missing parts, type mismatches, oversized uploads) are handled by the base class the same way. Training
 * problems carry a {@code type} of {@code urn:digitnet:problem:<slug>}; a 400 about a job request lists
 * {@code errors}, each naming its {@code field}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** Builds a problem detail in this service's style; for every handler here. */
    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:digitnet:problem:" + slug));
        problem.setTitle(title);
        return problem;
    }

    static ProblemDetail invalidRequest(String title, List<JobViolation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", title,
                violations.stream().map(JobViolation::toString).collect(Collectors.joining("; ")));
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        return problem;
    }

    // --- training ---

    @ExceptionHandler
    ProblemDetail invalidJobRequest(InvalidJobRequestException e) {
        return invalidRequest("Invalid job request", e.violations());
    }

    @ExceptionHandler
    ProblemDetail jobNotFound(JobNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "job-not-found", "Job not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail jobNotCancellable(JobNotCancellableException e) {
        return problem(HttpStatus.CONFLICT, "job-finished", "Job already finished", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> jobQueueFull(JobQueueFullException e) {
        return withRetryAfter(problem(HttpStatus.TOO_MANY_REQUESTS, "job-queue-full", "Training queue full",
                e.getMessage()), e.retryAfter());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> eventStreamLimit(EventStreamLimitException e) {
        return withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "event-stream-limit",
                "Too many event streams", e.getMessage()), e.retryAfter());
    }

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
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
    }

    @ExceptionHandler(InputTooLargeException.class)
    ProblemDetail inputTooLarge(InputTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "input-too-large", "Input too large", e.getMessage());
    }

    // --- datasets ---

    @ExceptionHandler
    ProblemDetail unknownDataset(UnknownDatasetException e) {
        return invalidRequest("Unknown dataset", List.of(new JobViolation("dataset", e.getMessage())));
    }

    @ExceptionHandler
    ProblemDetail datasetUnavailable(DatasetUnavailableException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "dataset-unavailable", "Dataset unavailable",
                e.getMessage());
    }

    // --- unreadable bodies: name the field Jackson stumbled on ---

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        JacksonException cause = jacksonCause(ex);
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
                    : "has the wrong type: " + cause.getOriginalMessage().lines().findFirst().orElse("");
            body = invalidRequest("Unreadable request body", List.of(new JobViolation(field, message)));
        }
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
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

    private static ResponseEntity<ProblemDetail> withRetryAfter(ProblemDetail problem, Duration retryAfter) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        return problem;
    }
}
