package io.digitnet.training.web;

import io.digitnet.files.DiskFull;
import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobNotCancellableException;
import io.digitnet.training.JobNotFoundException;
import io.digitnet.training.JobNotStoredException;
import io.digitnet.training.JobQueueFullException;
import io.digitnet.training.TrainingUnavailableException;
import io.digitnet.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The training feature's exceptions as problem details. */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE_ORDER)
class TrainingProblems {

    @ExceptionHandler
    ProblemDetail invalidJobRequest(InvalidJobRequestException e) {
        return Problems.invalidRequest("Invalid job request", e.violations().stream()
                .map(v -> new Problems.FieldError(v.field(), v.message())).toList());
    }

    @ExceptionHandler
    ProblemDetail jobNotFound(JobNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "job-not-found", "Job not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail jobNotCancellable(JobNotCancellableException e) {
        return Problems.of(HttpStatus.CONFLICT, "job-finished", "Job already finished", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> jobQueueFull(JobQueueFullException e) {
        return Problems.withRetryAfter(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "job-queue-full",
                "Training queue full", e.getMessage()), e.retryAfter());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> eventStreamClientLimit(EventStreamClientLimitException e) {
        return Problems.withRetryAfter(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "event-stream-client-limit",
                "Too many event streams from this client", e.getMessage()), e.retryAfter());
    }

    @ExceptionHandler
    ProblemDetail jobNotStored(JobNotStoredException e) {
        if (DiskFull.isCause(e)) {
            return Problems.of(HttpStatus.INSUFFICIENT_STORAGE, "disk-full", "Disk full", "The job could not be "
                    + "stored, so it was not queued: the data directory's filesystem is full (no space left on "
                    + "device). Free space on it and submit again.");
        }
        return Problems.of(HttpStatus.INSUFFICIENT_STORAGE, "job-not-stored", "Job not stored", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail trainingUnavailable(TrainingUnavailableException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "training-unavailable", "Training unavailable",
                e.getMessage());
    }
}
