package io.digitnet.web;

import io.digitnet.datasets.DatasetInUseException;
import io.digitnet.datasets.DatasetNotFoundException;
import io.digitnet.datasets.DatasetUnavailableException;
import io.digitnet.datasets.ImageTooLargeException;
import io.digitnet.datasets.InvalidImageException;
import io.digitnet.datasets.InvalidDatasetException;
import io.digitnet.datasets.UnknownDatasetException;
import io.digitnet.inference.InputTooLargeException;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.models.AliasConflictException;
import io.digitnet.models.CorruptModelException;
import io.digitnet.models.EvaluationUnavailableException;
import io.digitnet.models.InvalidModelImportException;
import io.digitnet.models.InvalidModelReferenceException;
import io.digitnet.models.InvalidNpzException;
import io.digitnet.models.ModelDatasetMismatchException;
import io.digitnet.models.ModelInUseException;
import io.digitnet.models.ModelNotFoundException;
import io.digitnet.models.NoModelsException;
import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobNotCancellableException;
import io.digitnet.training.JobNotFoundException;
import io.digitnet.training.JobQueueFullException;
import io.digitnet.training.JobViolation;
import io.digitnet.training.web.EventStreamLimitException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The one place where exceptions become RFC 9457 problem details: domain exceptions, Spring MVC's own (malformed
 * bodies, missing parameters and parts, type mismatches, oversized uploads; handled by the base class and, where a
 * field or parameter is at fault, answered with {@code errors}, each naming its {@code field}), and unexpected ones
 * (a generic 500 whose stack trace goes to the server's log only, see {@link FailedRequestLog}). Problems carry a
 * {@code type} of {@code urn:digitnet:problem:<slug>}.
 */
@RestControllerAdvice
// declared here too: MVC test slices pick up filters and advice, but not the configuration properties scan
@EnableConfigurationProperties(LimitSettings.class)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private final LimitSettings limits;

    ProblemDetailsAdvice(LimitSettings limits) {
        this.limits = limits;
    }

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
        return problem(HttpStatus.NOT_FOUND, "model-not-found", "Model not found", e.getMessage());
    }

    @ExceptionHandler(NoModelsException.class)
    ProblemDetail noModels(NoModelsException e) {
        return problem(HttpStatus.NOT_FOUND, "no-model", "No model yet", e.getMessage());
    }

    @ExceptionHandler(ModelDatasetMismatchException.class)
    ProblemDetail modelDatasetMismatch(ModelDatasetMismatchException e) {
        return invalidRequest("Model and dataset do not match", List.of(new JobViolation("dataset", e.getMessage())));
    }

    @ExceptionHandler(InvalidModelReferenceException.class)
    ProblemDetail invalidModelReference(InvalidModelReferenceException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-model-reference", "Invalid model id or alias",
                e.getMessage());
    }

    @ExceptionHandler(InvalidNpzException.class)
    ProblemDetail invalidNpz(InvalidNpzException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-weights", "Invalid weights file",
                e.getMessage());
        problem.setProperty("field", "weights");
        return problem;
    }

    @ExceptionHandler(InvalidModelImportException.class)
    ProblemDetail invalidImport(InvalidModelImportException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-model-import", "Invalid model import",
                e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    /** 409: the request is fine, the model's state is not; it stays unservable until it is deleted or restored. */
    @ExceptionHandler(CorruptModelException.class)
    ProblemDetail corruptModel(CorruptModelException e) {
        return problem(HttpStatus.CONFLICT, "model-corrupt", "Model is corrupt", e.getMessage());
    }

    @ExceptionHandler(ModelInUseException.class)
    ProblemDetail modelInUse(ModelInUseException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "model-in-use", "Model is in use", e.getMessage());
        problem.setProperty("aliases", e.aliases());
        return problem;
    }

    @ExceptionHandler(AliasConflictException.class)
    ProblemDetail aliasConflict(AliasConflictException e) {
        return problem(HttpStatus.CONFLICT, "alias-conflict", "Alias conflict", e.getMessage());
    }

    @ExceptionHandler(EvaluationUnavailableException.class)
    ProblemDetail evaluationUnavailable(EvaluationUnavailableException e) {
        return problem(HttpStatus.CONFLICT, "evaluation-unavailable", "Evaluation unavailable", e.getMessage());
    }

    // --- inference ---

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
    }

    /** The image of {@code /predict/image}: the same problem as any other invalid input. */
    @ExceptionHandler(InvalidImageException.class)
    ProblemDetail invalidImage(InvalidImageException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
    }

    @ExceptionHandler(ImageTooLargeException.class)
    ProblemDetail imageTooLarge(ImageTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "input-too-large", "Input too large", e.getMessage());
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

    @ExceptionHandler
    ProblemDetail datasetNotFound(DatasetNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "dataset-not-found", "Dataset not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidDataset(InvalidDatasetException e) {
        return invalidRequest("Invalid dataset", List.of(new JobViolation(e.field(), e.getMessage())));
    }

    @ExceptionHandler
    ProblemDetail datasetInUse(DatasetInUseException e) {
        return problem(HttpStatus.CONFLICT, "dataset-in-use", "Dataset in use", e.getMessage());
    }

    // --- Spring MVC's own client errors: name the parameter or part ---

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        return handleExceptionInternal(ex, invalidRequest("Invalid parameter", List.of(new JobViolation(field,
                "'" + ex.getValue() + "' is not a valid " + expected))), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return handleExceptionInternal(ex, invalidRequest("Missing parameter", List.of(new JobViolation(
                ex.getParameterName(), "is required"))), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return handleExceptionInternal(ex, invalidRequest("Missing part", List.of(new JobViolation(
                ex.getRequestPartName(), "the multipart part '" + ex.getRequestPartName() + "' is required"))),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A chunked multipart upload past {@code spring.servlet.multipart.*} (declared sizes never get this far). */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return handleExceptionInternal(ex, problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                "Request body too large", "The upload is larger than the limit of " + limits.uploadSize().toBytes()
                        + " bytes (digitnet.limits.upload-size)."), headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    // --- anything else is a bug: a generic 500, the details only in the server's log ---

    @ExceptionHandler
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return null; // nobody is listening; nothing to answer
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
            body = invalidRequest("Invalid request body", List.of(new JobViolation(field, message)));
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

    private static ResponseEntity<ProblemDetail> withRetryAfter(ProblemDetail problem, Duration retryAfter) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem);
    }
}
