package io.digitnet.datasets.web;

import io.digitnet.datasets.DatasetInUseException;
import io.digitnet.datasets.DatasetNotFoundException;
import io.digitnet.datasets.DatasetUnavailableException;
import io.digitnet.datasets.ImageTooLargeException;
import io.digitnet.datasets.InvalidDatasetException;
import io.digitnet.datasets.InvalidImageException;
import io.digitnet.datasets.UnknownDatasetException;
import io.digitnet.datasets.UploadTooLargeException;
import io.digitnet.web.Problems;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The datasets feature's exceptions as problem details, wherever they are thrown (job submission included). */
@RestControllerAdvice
@Order(Problems.FEATURE_ADVICE_ORDER)
class DatasetProblems {

    @ExceptionHandler
    ProblemDetail unknownDataset(UnknownDatasetException e) {
        return Problems.invalidRequest("Unknown dataset", List.of(new Problems.FieldError("dataset", e.getMessage())));
    }

    @ExceptionHandler
    ProblemDetail datasetNotFound(DatasetNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "dataset-not-found", "Dataset not found", e.getMessage());
    }

    /** An upload that cannot become a dataset (or a bad split or parameter): 400 naming the part or field. */
    @ExceptionHandler
    ProblemDetail invalidDataset(InvalidDatasetException e) {
        // readers often start their message with the part's name; the field error names it already
        String message = e.getMessage();
        String named = e.field() + ": ";
        if (message.startsWith(named)) {
            message = message.substring(named.length());
        }
        return Problems.invalidRequest("Invalid dataset", List.of(new Problems.FieldError(e.field(), message)));
    }

    @ExceptionHandler
    ProblemDetail uploadTooLarge(UploadTooLargeException e) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail datasetInUse(DatasetInUseException e) {
        return Problems.of(HttpStatus.CONFLICT, "dataset-in-use", "Dataset in use", e.getMessage());
    }

    /** An image that cannot be read (the upload of /predict/image included): the same problem as other bad input. */
    @ExceptionHandler
    ProblemDetail invalidImage(InvalidImageException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail imageTooLarge(ImageTooLargeException e) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "input-too-large", "Input too large", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail datasetUnavailable(DatasetUnavailableException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dataset-unavailable", "Dataset unavailable",
                e.getMessage());
    }
}
