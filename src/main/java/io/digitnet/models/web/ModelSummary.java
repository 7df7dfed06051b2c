package io.digitnet.models.web;

import io.digitnet.models.Architecture;
import io.digitnet.models.ModelMetadata;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code GET /models}.
 *
 * @param status {@code ready}, or {@code corrupt} when its files failed their checksum (it is then never served)
 */
record ModelSummary(@Schema(example = "m-20261129183015123-a1b2c3") String id, @Schema(example = "first-net") String name,
                    Instant createdAt, Architecture architecture, @Schema(example = "mnist") String dataset,
                    @Schema(example = "0.9712") Double testAccuracy, List<String> aliases,
                    @Schema(allowableValues = {"ready", "corrupt"}, example = "ready") String status,
                    List<String> warnings, List<String> classNames) {

    static ModelSummary of(ModelMetadata m, List<String> aliases, boolean corrupt) {
        Object accuracy = m.metrics() == null ? null : m.metrics().get("testAccuracy");
        return new ModelSummary(m.id(), m.name(), m.createdAt(), m.architecture(), m.dataset(),
                accuracy instanceof Number n ? n.doubleValue() : null, aliases, corrupt ? "corrupt" : "ready",
                m.warnings(), m.classNames());
    }
}
