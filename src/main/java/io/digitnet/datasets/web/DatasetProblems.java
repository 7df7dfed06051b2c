package io.digitnet.datasets.web;

import io.digitnet.datasets.DatasetUnavailableException;
import io.digitnet.datasets.UnknownDatasetException;
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
    ProblemDetail datasetUnavailable(DatasetUnavailableException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dataset-unavailable", "Dataset unavailable",
                e.getMessage());
    }
}
