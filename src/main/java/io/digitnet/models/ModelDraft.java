package io.digitnet.models;

import io.digitnet.nn.Activation;
import java.util.List;
import java.util.Map;

/**
 * What the caller knows about a model before it is stored.
 *
 * @param name           a human-readable name, may be null
 * @param activation     the hidden layer's activation; null: sigmoid
 * @param dataset        the dataset it was trained on (or declared for an import), may be null
 * @param trainingConfig the effective training configuration (empty for imports)
 * @param metrics        final metrics such as testAccuracy, trainAccuracy, trainLoss (may be empty)
 * @param jobId          the training job that produced it, or null for imports
 * @param warnings       see {@link ModelMetadata#warnings()}
 * @param classNames     what each output means; null: the dataset's built-in names, or "0".."n-1"
 */
public record ModelDraft(String name, Activation activation, String dataset, Map<String, Object> trainingConfig,
                         Map<String, Object> metrics, String jobId, List<String> warnings, List<String> classNames) {

    public ModelDraft {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ModelDraft(String name, Activation activation, String dataset, Map<String, Object> trainingConfig,
                      Map<String, Object> metrics, String jobId, List<String> warnings) {
        this(name, activation, dataset, trainingConfig, metrics, jobId, warnings, null);
    }

    public ModelDraft(String name, Activation activation, String dataset, Map<String, Object> trainingConfig,
                      Map<String, Object> metrics, String jobId) {
        this(name, activation, dataset, trainingConfig, metrics, jobId, List.of(), null);
    }
}
