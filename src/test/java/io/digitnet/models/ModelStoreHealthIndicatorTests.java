package io.digitnet.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

/** The one {@code modelStore} health check works through the {@link ModelStore} port, whichever adapter is behind. */
class ModelStoreHealthIndicatorTests {

    @TempDir
    Path dir;

    @Test
    void upWithTheFolderAndTheNumberOfModelsOfAFileStore() {
        FileModelStore store = new FileModelStore(new ModelsSettings(dir, 4, 4096, 2000), JsonMapper.builder().build());
        store.save(ModelStoreContract.draft("one"), TestNetworks.parameters(3, 1));

        Health health = new ModelStoreHealthIndicator(store).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("directory", dir.toAbsolutePath().normalize().toString())
                .containsEntry("models", 1).containsEntry("corrupt", Map.of());
    }

    /** (A folder replaced by a file: tests run as root here, for whom a read-only folder is still writable.) */
    @Test
    void downWhenTheStoreCannotTakeModels() throws Exception {
        Path models = dir.resolve("models");
        FileModelStore store = new FileModelStore(new ModelsSettings(models, 4, 4096, 2000),
                JsonMapper.builder().build());
        Files.delete(models);
        Files.writeString(models, "not a folder");

        Health health = new ModelStoreHealthIndicator(store).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("models", 0);
    }

    /** The PostgreSQL adapter's status throws while the database is away: DOWN, not an error. */
    @Test
    void downWhenTheStorageBehindItCannotBeReached() {
        ModelStore unreachable = (ModelStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ModelStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("connection refused");
                });

        Health health = new ModelStoreHealthIndicator(unreachable).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().keySet()).isEqualTo(Set.of("error"));
    }
}
