package io.digitnet.models.web;

import io.digitnet.models.Architecture;
import io.digitnet.models.ModelMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /models/{id}}: everything in model.json, its aliases, and whether it can be served. */
record ModelDetails(String id, String name, Instant createdAt, Architecture architecture, String dataset,
                    Map<String, Object> trainingConfig, Map<String, Object> metrics, String jobId, String weightsSha256,
                    List<String> aliases, String status, String problem, List<String> warnings,
                    List<String> classNames) {

    static ModelDetails of(ModelMetadata m, List<String> aliases, String problem) {
        return new ModelDetails(m.id(), m.name(), m.createdAt(), m.architecture(), m.dataset(), m.trainingConfig(),
                m.metrics(), m.jobId(), m.weightsSha256(), aliases, problem == null ? "ready" : "corrupt", problem,
                m.warnings(), m.classNames());
    }
}
