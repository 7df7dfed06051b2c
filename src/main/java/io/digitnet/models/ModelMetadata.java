package io.digitnet.models;

import java.time.Instant;
import java.util.Map;

/** The content of a model's {@code model.json}. */
public record ModelMetadata(String id, String name, Instant createdAt, Architecture architecture, String dataset,
                            Map<String, Object> trainingConfig, Map<String, Object> metrics, String jobId,
                            String weightsSha256) {
}
