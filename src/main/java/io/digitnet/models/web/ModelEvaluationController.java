package io.digitnet.models.web;

import io.digitnet.models.ModelEvaluation;
import io.digitnet.models.ModelEvaluator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Accuracy, per-class precision and recall, and the confusion matrix of a model on its dataset's test set. */
@RestController
class ModelEvaluationController {

    private final ModelEvaluator evaluator;

    ModelEvaluationController(ModelEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @GetMapping("/models/{id}/evaluation")
    ModelEvaluation evaluation(@PathVariable String id) {
        return evaluator.evaluate(id);
    }
}
