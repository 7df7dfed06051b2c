package io.digitnet.models;

import java.nio.file.Files;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import io.digitnet.system.FileMode;
import org.springframework.stereotype.Component;

/**
 * {@code modelStore} in /actuator/health: DOWN when the directory cannot be written; UP otherwise, with the number of
 * models and the damaged ones (which are never served but do not stop the others).
 */
@Component("modelStore")
@FileMode
class ModelStoreHealthIndicator extends AbstractHealthIndicator {

    private final FileModelStore store;

    ModelStoreHealthIndicator(FileModelStore store) {
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean writable = Files.isDirectory(store.dir()) && Files.isWritable(store.dir());
        (writable ? builder.up() : builder.down())
                .withDetail("directory", store.dir().toString())
                .withDetail("models", store.list().size())
                .withDetail("corrupt", store.problems());
    }
}
