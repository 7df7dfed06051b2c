package io.digitnet.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The content of a model's {@code model.json}.
 *
 * @param warnings why the model should not be trusted (such as accuracy no better than chance); a model with warnings
 *                 is never chosen by default ({@code latest}) but can still be used by its id or an alias
 */
public record ModelMetadata(String id, String name, Instant createdAt, Architecture architecture, String dataset,
                            Map<String, Object> trainingConfig, Map<String, Object> metrics, String jobId,
                            String weightsSha256, List<String> warnings) {

    public ModelMetadata {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ModelMetadata(String id, String name, Instant createdAt, Architecture architecture, String dataset,
                         Map<String, Object> trainingConfig, Map<String, Object> metrics, String jobId,
                         String weightsSha256) {
        this(id, name, createdAt, architecture, dataset, trainingConfig, metrics, jobId, weightsSha256, List.of());
    }
}
