package io.digitnet.datasets.web;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The stores of one datasets integration test: models, jobs and uploaded datasets in a folder of its own below
 * {@code target/test-data}, so that the test neither sees nor touches the developer's data directory (the built-in
 * datasets are shared).
 */
final class DatasetTestStores {

    private DatasetTestStores() {
    }

    /** A fresh folder {@code target/test-data/<prefix>-<uuid>}, absolute; created by the service as it needs it. */
    static Path create(String prefix) {
        return Path.of("target", "test-data", prefix + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    /** Points the service's model, job and upload stores at {@code models/}, {@code jobs/} and {@code uploads/}. */
    static void register(DynamicPropertyRegistry registry, Path data) {
        registry.add("digitnet.models.dir", () -> data.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> data.resolve("jobs").toString());
        registry.add("digitnet.datasets.uploads.dir", () -> data.resolve("uploads").toString());
    }
}
