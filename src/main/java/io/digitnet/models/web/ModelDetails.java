package io.digitnet.models.web;

import io.digitnet.models.Architecture;
import io.digitnet.models.ModelMetadata;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /models/{id}}: everything in model.json, its aliases, and whether it can be served. */
record ModelDetails(@Schema(example = "m-20261129183015123-a1b2c3") String id, @Schema(example = "first-net") String name,
                    Instant createdAt, Architecture architecture, @Schema(example = "mnist") String dataset,
                    Map<String, Object> trainingConfig, Map<String, Object> metrics,
                    @Schema(example = "b2a0aeed-e81e-4b3d-bd90-50574d0ddc50") String jobId, @Schema(example = "9f2b5c0e8d41a7f36c1e0b9d2a84f7c5e3b61d09a8c4f2e7b5d03a6c1e9f8b24") String weightsSha256,
                    List<String> aliases, @Schema(allowableValues = {"ready", "corrupt"}, example = "ready")
                    String status,
                    @Schema(description = "Why it is corrupt", example = "weights.npz has SHA-256 0badc0de... but "
                            + "model.json records 9f2b5c0e...") String problem,
                    List<String> warnings, List<String> classNames) {

    static ModelDetails of(ModelMetadata m, List<String> aliases, String problem) {
        return new ModelDetails(m.id(), m.name(), m.createdAt(), m.architecture(), m.dataset(), m.trainingConfig(),
                m.metrics(), m.jobId(), m.weightsSha256(), aliases, problem == null ? "ready" : "corrupt", problem,
                m.warnings(), m.classNames());
    }
}
