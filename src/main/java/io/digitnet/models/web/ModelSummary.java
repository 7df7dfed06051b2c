package io.digitnet.models.web;

import io.digitnet.models.Architecture;
import io.digitnet.models.ModelMetadata;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code GET /models}.
 *
 * @param status {@code ready}, or {@code corrupt} when its files failed their checksum (it is then never served)
 */
record ModelSummary(String id, String name, Instant createdAt, Architecture architecture, String dataset,
                    Double testAccuracy, List<String> aliases, String status, List<String> warnings,
                    List<String> classNames) {

    static ModelSummary of(ModelMetadata m, List<String> aliases, boolean corrupt) {
        Object accuracy = m.metrics() == null ? null : m.metrics().get("testAccuracy");
        return new ModelSummary(m.id(), m.name(), m.createdAt(), m.architecture(), m.dataset(),
                accuracy instanceof Number n ? n.doubleValue() : null, aliases, corrupt ? "corrupt" : "ready",
                m.warnings(), m.classNames());
    }
}
