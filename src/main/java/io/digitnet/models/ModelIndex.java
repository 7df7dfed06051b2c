package io.digitnet.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * What the store knows about the models in its directory: the metadata of every model (newest first, kept as an
 * immutable snapshot that readers take without locking) and the problems of damaged ones.
 */
final class ModelIndex {

    interface MetadataReader {
        ModelMetadata read(Path folder) throws IOException;
    }

    interface WeightsVerifier {
        void verify(Path folder, ModelMetadata metadata) throws IOException;
    }

    private record Snapshot(List<ModelMetadata> newestFirst, Map<String, ModelMetadata> byId) {
    }

    private static final Logger log = LoggerFactory.getLogger(ModelIndex.class);
    static final Comparator<ModelMetadata> NEWEST_FIRST = Comparator.comparing(ModelMetadata::createdAt)
            .thenComparing(ModelMetadata::id).reversed();

    private volatile Snapshot snapshot;
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    private ModelIndex(List<ModelMetadata> models) {
        publish(models);
    }

    /**
     * Reads every model folder; removes leftovers of interrupted writes and deletes; records damaged models.
     * {@code reader} parses model.json; {@code verifier} checks the weights against it and throws with the reason.
     */
    static ModelIndex scan(Path dir, MetadataReader reader, WeightsVerifier verifier) {
        List<ModelMetadata> models = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.sorted().toList()) {
                    String name = entry.getFileName().toString();
                    if (ModelFiles.isLeftover(entry)) {
                        log.info("removing {}, left over by an interrupted write or delete", entry);
                        ModelFiles.deleteRecursively(entry);
                    } else if (Files.isDirectory(entry) && ModelIds.isId(name)) {
                        try {
                            ModelMetadata metadata = reader.read(entry);
                            models.add(metadata); // listed even when damaged, so that it can be seen and deleted
                            verifier.verify(entry, metadata);
                        } catch (IOException | JacksonException e) {
                            problems.put(name, e.getMessage());
                        }
                    } else if (Files.isDirectory(entry)) {
                        log.warn("ignoring {}: not a model folder (its name is not a model id)", entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model directory " + dir, e);
        }
        ModelIndex index = new ModelIndex(models);
        problems.forEach((id, reason) -> {
            log.warn("model {} is corrupt and will not be served: {}", id, reason);
            index.problems.put(id, reason);
        });
        log.info("model store {}: {} model(s) listed, {} damaged", dir, models.size(), problems.size());
        return index;
    }

    List<ModelMetadata> newestFirst() {
        return snapshot.newestFirst();
    }

    Optional<ModelMetadata> get(String id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    boolean contains(String id) {
        return snapshot.byId().containsKey(id);
    }

    Optional<String> problem(String id) {
        return Optional.ofNullable(problems.get(id));
    }

    Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    synchronized void add(ModelMetadata metadata) {
        List<ModelMetadata> models = new ArrayList<>(snapshot.newestFirst());
        models.add(metadata);
        publish(models);
    }

    synchronized void remove(String id) {
        problems.remove(id);
        publish(snapshot.newestFirst().stream().filter(m -> !m.id().equals(id)).toList());
    }

    void markCorrupt(String id, String reason) {
        problems.put(id, reason);
    }

    private void publish(List<ModelMetadata> models) {
        List<ModelMetadata> sorted = models.stream().sorted(NEWEST_FIRST).toList();
        Map<String, ModelMetadata> map = new LinkedHashMap<>();
        sorted.forEach(m -> map.put(m.id(), m));
        snapshot = new Snapshot(sorted, Map.copyOf(map));
    }
}
