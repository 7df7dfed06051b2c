package io.digitnet.models;

import io.digitnet.files.Sha256;
import io.digitnet.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * What the store knows about the models in its directory: the metadata of every model (newest first, kept as an
 * immutable snapshot that readers take without locking) and the problems of damaged ones.
 */
final class ModelIndex {

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
     * Reads every model folder; removes leftovers of interrupted writes and deletes; records damaged models: those
     * whose model.json cannot be read (not listed) and those whose weights do not match it (listed, never served).
     */
    static ModelIndex scan(Path dir, JsonMapper json) {
        List<ModelMetadata> models = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.sorted().toList()) {
                    String name = entry.getFileName().toString();
                    if (DurableFiles.isLeftover(entry)) {
                        log.info("removing {}, left over by an interrupted write or delete", entry);
                        DurableFiles.deleteRecursively(entry);
                    } else if (Files.isDirectory(entry) && ModelIds.isId(name)) {
                        try {
                            removeLeftovers(entry); // e.g. of an evaluation.json being written
                            ModelMetadata metadata = readMetadata(entry, json);
                            models.add(metadata); // listed even when damaged, so that it can be seen and deleted
                            verifyWeights(entry, metadata);
                        } catch (IOException e) {
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

    /** Used by the scan at start: model.json must parse and name its own folder. */
    private static ModelMetadata readMetadata(Path folder, JsonMapper json) throws IOException {
        ModelMetadata metadata;
        try {
            metadata = json.readValue(Files.readAllBytes(folder.resolve(ModelFiles.METADATA)), ModelMetadata.class);
        } catch (NoSuchFileException e) {
            throw new IOException("model.json is missing");
        } catch (JacksonException e) {
            throw new IOException("model.json cannot be parsed: " + e.getOriginalMessage());
        }
        String id = folder.getFileName().toString();
        if (!id.equals(metadata.id()) || metadata.createdAt() == null || metadata.weightsSha256() == null) {
            throw new IOException("model.json does not describe model " + id + " (id, createdAt and weightsSha256 are required)");
        }
        return metadata;
    }

    /** Used by the scan at start: the weights must match the checksum in model.json. */
    private static void verifyWeights(Path folder, ModelMetadata metadata) throws IOException {
        try {
            String actual = Sha256.of(Files.readAllBytes(folder.resolve(ModelFiles.WEIGHTS)));
            if (!actual.equals(metadata.weightsSha256())) {
                throw new IOException("weights.npz has SHA-256 " + actual + " but model.json records "
                        + metadata.weightsSha256());
            }
        } catch (NoSuchFileException e) {
            throw new IOException("weights.npz is missing");
        }
    }

    private static void removeLeftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(DurableFiles::isLeftover).forEach(DurableFiles::deleteRecursively);
        }
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

    /** Records the damage of a listed model; false (and nothing recorded) when it is not listed (deleted). */
    synchronized boolean markCorrupt(String id, String reason) {
        if (!contains(id)) {
            return false;
        }
        problems.put(id, reason);
        return true;
    }

    private void publish(List<ModelMetadata> models) {
        List<ModelMetadata> sorted = models.stream().sorted(NEWEST_FIRST).toList();
        Map<String, ModelMetadata> map = new LinkedHashMap<>();
        sorted.forEach(m -> map.put(m.id(), m));
        snapshot = new Snapshot(sorted, Map.copyOf(map));
    }
}
