package io.digitnet.models.web;

import static io.digitnet.models.web.ApiDocs.ID_OR_ALIAS;
import static io.digitnet.models.web.ApiDocs.PROBLEM_JSON;

import io.digitnet.models.ModelEvaluation;
import io.digitnet.models.ModelEvaluator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Accuracy, per-class precision and recall, and the confusion matrix of a model on its dataset's test set. */
@RestController
@Tag(name = "models")
class ModelEvaluationController {

    private final ModelEvaluator evaluator;

    ModelEvaluationController(ModelEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @GetMapping("/models/{id}/evaluation")
    @Operation(summary = "Evaluate a model on the test set of its dataset",
            description = "Computed once in large batches, then stored with the model (evaluation.json). "
                    + "confusionMatrix[actual][predicted].")
    @ApiResponse(responseCode = "200", description = "The evaluation")
    @ApiResponse(responseCode = "400", description = "Malformed id or alias",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such model or alias",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The model names no known dataset, or its files are damaged",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ModelEvaluation evaluation(@Parameter(description = ID_OR_ALIAS) @PathVariable String id) {
        return evaluator.evaluate(id);
    }
}
