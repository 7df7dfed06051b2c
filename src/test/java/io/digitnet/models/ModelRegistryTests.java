package io.digitnet.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.nn.Activation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ModelRegistryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private FileModelStore store;
    private ModelCache cache;
    private ModelRegistry registry;
    private String a;
    private String b;

    @BeforeEach
    void twoModels() {
        restart();
        a = save(1);
        b = save(2);
    }

    private void restart() {
        ModelsSettings settings = new ModelsSettings(dir, 4, 4096, 2000);
        store = new FileModelStore(settings, JSON);
        cache = new ModelCache(settings);
        registry = new ModelRegistry(store, new FileModelAliases(dir, JSON), cache, event -> {
            if (event instanceof ModelDeleted deleted) {
                cache.onDeleted(deleted);
            }
        });
    }

    private String save(long seed) {
        return store.save(new ModelDraft("s" + seed, Activation.SIGMOID, "mnist", Map.of(), Map.of(), null),
                TestNetworks.parameters(2, seed)).id();
    }

    @Test
    void resolvesIdsAliasesAndLatest() {
        registry.moveAlias(a, "production");

        assertThat(registry.resolve(a).metadata().id()).isEqualTo(a);
        assertThat(registry.resolve("production").metadata().id()).isEqualTo(a);
        assertThat(registry.resolve("latest").metadata().id()).isEqualTo(b);
        assertThat(registry.aliasesOf(a)).containsExactly("production");
        assertThat(registry.aliasesOf(b)).containsExactly("latest");
        assertThatThrownBy(() -> registry.resolve("staging")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry.resolve("../x")).isInstanceOf(InvalidModelReferenceException.class);
    }

    @Test
    void movesAnAliasAndKeepsItAcrossARestart() {
        assertThat(registry.moveAlias(a, "production")).isEqualTo(new AliasChange("production", a, null));
        assertThat(registry.moveAlias(b, "production")).isEqualTo(new AliasChange("production", b, a));

        restart();

        assertThat(registry.resolve("production").metadata().id()).isEqualTo(b);
        assertThat(dir.resolve("aliases.json")).content().contains("\"production\"").contains(b);
    }

    @Test
    void removesAnAliasOnlyThroughTheModelItNames() {
        registry.moveAlias(a, "production");

        assertThatThrownBy(() -> registry.removeAlias(b, "production")).isInstanceOf(AliasConflictException.class);
        registry.removeAlias(a, "production");

        assertThatThrownBy(() -> registry.resolve("production")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry.removeAlias(a, "production")).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void latestCannotBeSetAndAliasesMustBeWellFormed() {
        assertThatThrownBy(() -> registry.moveAlias(a, "latest")).isInstanceOf(InvalidModelReferenceException.class)
                .hasMessageContaining("newest");
        for (String alias : List.of("..", "a/b", "Prod", "-x", a, "x".repeat(64))) {
            assertThatThrownBy(() -> registry.moveAlias(a, alias)).isInstanceOf(InvalidModelReferenceException.class);
        }
        assertThatThrownBy(() -> registry.moveAlias("m-20260101000000000-abcdef", "production"))
                .isInstanceOf(ModelNotFoundException.class);
        assertThat(dir.resolve("aliases.json")).doesNotExist();
    }

    @Test
    void aModelAnAliasPointsAtIsOnlyDeletedWhenForced() {
        registry.moveAlias(a, "production");

        assertThatThrownBy(() -> registry.delete(a, false)).isInstanceOf(ModelInUseException.class)
                .hasMessageContaining("production");
        assertThat(store.find(a)).isPresent();

        registry.delete(a, true);

        assertThat(store.find(a)).isEmpty();
        assertThat(registry.aliases()).doesNotContainKey("production");
    }

    @Test
    void latestSkipsDamagedModelsAndSaysWhenThereIsNone() throws Exception {
        Path weights = dir.resolve(b).resolve("weights.npz");
        Files.write(weights, new byte[] {0});
        restart();

        assertThat(registry.resolve("latest").metadata().id()).isEqualTo(a);
        assertThatThrownBy(() -> registry.resolve(b)).isInstanceOf(CorruptModelException.class);
        assertThatThrownBy(() -> registry.moveAlias(b, "production")).isInstanceOf(CorruptModelException.class);

        registry.delete(a, false);
        registry.delete(b, false);
        assertThatThrownBy(() -> registry.resolve("latest")).isInstanceOf(NoModelsException.class)
                .hasMessageContaining("POST /jobs").hasMessageContaining("POST /models");
    }

    @Test
    void readersNeverFailNorMixModelsWhileTheAliasMoves() throws Exception {
        registry.moveAlias(a, "production");
        float firstWeightOfA = TestNetworks.values(2, 1)[0][0];
        float firstWeightOfB = TestNetworks.values(2, 2)[0][0];
        AtomicBoolean moving = new AtomicBoolean(true);
        AtomicInteger sawA = new AtomicInteger();
        AtomicInteger sawB = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(readers.submit(() -> {
                    while (moving.get()) {
                        StoredModel model = registry.resolve("production");
                        float w = model.parameters().w1().getFloat(0, 0);
                        // the weights must belong to the model the metadata names
                        if (model.metadata().id().equals(a) && w == firstWeightOfA) {
                            sawA.incrementAndGet();
                        } else if (model.metadata().id().equals(b) && w == firstWeightOfB) {
                            sawB.incrementAndGet();
                        } else {
                            throw new AssertionError("mixed model: " + model.metadata().id() + " with W1[0,0]=" + w);
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 200; i++) {
                registry.moveAlias(i % 2 == 0 ? b : a, "production");
            }
            moving.set(false);
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS); // rethrows any failure of a reader
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(sawA.get() + sawB.get()).isPositive();
    }

    @Test
    void aLoadedModelIsServedFromTheCacheUntilItIsDeleted() throws Exception {
        StoredModel first = registry.resolve(a);
        assertThat(registry.resolve(a)).isSameAs(first);
        assertThat(registry.resolve(a).predictor()).isSameAs(first.predictor());
        // no file is looked at while the entry is served
        Files.move(dir.resolve(a), dir.resolve("moved-away"));
        assertThat(registry.resolve(a)).isSameAs(first);
        Files.move(dir.resolve("moved-away"), dir.resolve(a));

        registry.delete(a, false);
        assertThat(cache.size()).isEqualTo(0);
        assertThatThrownBy(() -> registry.resolve(a)).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void aModelFoundDamagedSinceItWasCachedIsNoLongerServed() throws Exception {
        registry.resolve(a);
        Path weights = dir.resolve(a).resolve("weights.npz");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(weights, bytes);
        assertThatThrownBy(() -> store.verifiedWeights(a)).isInstanceOf(CorruptModelException.class);

        assertThatThrownBy(() -> registry.resolve(a)).isInstanceOf(CorruptModelException.class);
        assertThat(cache.size()).isEqualTo(0);
    }

    /** Issue 9, item 5: a model deleted while it is being loaded is a 404 at once, never "corrupt". */
    @Test
    void aModelDeletedWhileItIsLoadedIsNotFoundNeverCorrupt() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                String id = save(100 + round);
                AtomicInteger loads = new AtomicInteger();
                List<Future<?>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    boolean fromDisk = t % 2 == 0; // half of them past the cache, straight to the store
                    results.add(readers.submit(() -> {
                        while (true) {
                            try {
                                StoredModel model = fromDisk ? store.load(id) : registry.resolve(id);
                                assertThat(model.metadata().id()).isEqualTo(id);
                                loads.incrementAndGet();
                            } catch (ModelNotFoundException gone) {
                                return null;
                            }
                        }
                    }));
                }
                while (loads.get() < 8) {
                    Thread.onSpinWait();
                }
                registry.delete(id, false);
                for (Future<?> result : results) {
                    result.get(30, TimeUnit.SECONDS); // rethrows a CorruptModelException a reader saw
                }
                assertThat(store.problems()).as("damaged models after round " + round).doesNotContainKey(id);
                assertThat(store.list()).extracting(ModelMetadata::id).doesNotContain(id);
                assertThatThrownBy(() -> registry.resolve(id)).isInstanceOf(ModelNotFoundException.class);
                assertThatThrownBy(() -> store.verifiedWeights(id)).isInstanceOf(ModelNotFoundException.class);
            }
        } finally {
            readers.shutdownNow();
        }
    }
}
