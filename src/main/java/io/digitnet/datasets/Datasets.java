package io.digitnet.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Every dataset the service knows: the built-in ones and those in the {@link DatasetStore}, plus uploads still
 * being processed (or that failed) so that {@code GET /datasets/{name}} can report them. Loaded uploads are cached
 * like the built-in datasets and shared read-only.
 */
@Component
@Primary
public class Datasets implements DatasetCatalog {

    private final BuiltInDatasetCatalog builtIn;
    private final DatasetStore store;
    /** Loaded uploads by name and upload time ({@code name@createdAt}). */
    private final ConcurrentMap<String, CompletableFuture<Dataset>> loaded = new ConcurrentHashMap<>();
    /** Uploads accepted but not stored yet ({@code provisioning}), or that failed while processed in the background. */
    private final DatasetReservations reservations;

    Datasets(BuiltInDatasetCatalog builtIn, DatasetStore store, DatasetReservations reservations) {
        this.builtIn = builtIn;
        this.store = store;
        this.reservations = reservations;
        store.onRemoved(this::evict); // deleted on another instance: what this one loaded of it goes
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(builtIn.names());
        store.list().forEach(d -> names.add(d.name()));
        return Collections.unmodifiableSet(names);
    }

    /** Built-in, stored, or being processed. */
    public boolean exists(String name) {
        return builtIn.names().contains(name) || store.find(name).isPresent() || reservations.find(name).isPresent();
    }

    public boolean isBuiltIn(String name) {
        return builtIn.names().contains(name);
    }

    @Override
    public Dataset load(String name) {
        if (builtIn.names().contains(name)) {
            return builtIn.load(name);
        }
        StoredDataset record = store.find(name).orElseThrow(() -> unknown(name));
        // keyed by the upload too: in cluster mode another instance may delete the name and upload it again
        String key = cacheKey(record);
        CompletableFuture<Dataset> mine = new CompletableFuture<>();
        CompletableFuture<Dataset> existing = loaded.putIfAbsent(key, mine);
        if (existing != null) {
            return join(existing);
        }
        try {
            Dataset dataset = store.load(name);
            mine.complete(dataset);
            return dataset;
        } catch (RuntimeException e) {
            loaded.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Built-in: the IDX header of its training labels; uploaded: the counts in its stored record. */
    @Override
    public int trainSize(String name) {
        if (builtIn.names().contains(name)) {
            return builtIn.trainSize(name);
        }
        return store.find(name).map(StoredDataset::trainSize).orElseThrow(() -> unknown(name));
    }

    @Override
    public List<DatasetDescription> list() {
        List<DatasetDescription> all = new ArrayList<>();
        builtIn.names().forEach(name -> all.add(builtIn.describe(name)));
        Map<String, DatasetDescription> uploaded = new TreeMap<>();
        reservations.list().forEach(d -> uploaded.put(d.name(), d));
        store.list().forEach(d -> uploaded.put(d.name(), d.describe()));
        all.addAll(uploaded.values());
        return List.copyOf(all);
    }

    @Override
    public DatasetDescription describe(String name) {
        if (builtIn.names().contains(name)) {
            return builtIn.describe(name);
        }
        return uploadedDescription(name).orElseThrow(() -> unknown(name));
    }

    @Override
    public List<String> classNames(String name) {
        if (builtIn.names().contains(name)) {
            return DatasetCatalog.super.classNames(name);
        }
        return store.find(name).map(StoredDataset::classNames).orElseThrow(() -> unknown(name));
    }

    private Optional<DatasetDescription> uploadedDescription(String name) {
        Optional<StoredDataset> stored = store.find(name);
        if (stored.isPresent()) {
            return Optional.of(stored.get().describe());
        }
        return reservations.find(name);
    }

    /** A background upload that failed: reported as {@code failed} until it is deleted or uploaded again. */
    void failed(String name, String reason) {
        reservations.failed(name, reason);
    }

    /** Claims a name for an upload; false when a dataset (or a pending upload) has it. */
    synchronized boolean reserve(String name, DatasetDescription.Source source) {
        if (builtIn.names().contains(name) || store.find(name).isPresent()) {
            return false;
        }
        return reservations.reserve(name, source);
    }

    /** The upload of {@code name} was stored, or refused: its claim goes. */
    void settled(String name) {
        reservations.release(name);
    }

    /** Deletes an upload (stored, or failed in the background); the checks for use are the caller's. */
    void delete(String name) {
        if (store.find(name).isPresent()) {
            store.delete(name);
            evict(name);
        } else if (!reservations.deleteFailed(name)) {
            throw unknown(name);
        }
    }

    /** Lets go of what was loaded of an upload called {@code name}. */
    void evict(String name) {
        loaded.keySet().removeIf(key -> key.startsWith(name + "@"));
    }

    /** True while a copy of the upload {@code name} is loaded here. */
    boolean isLoaded(String name) {
        return loaded.keySet().stream().anyMatch(key -> key.startsWith(name + "@"));
    }

    /**
     * One image of a ready dataset.
     *
     * @param split {@code train} or {@code test}
     * @throws DatasetNotFoundException for an unknown dataset or an index outside the split
     * @throws InvalidDatasetException  for another split
     */
    public DatasetImage image(String name, String split, int index) {
        if (!exists(name)) {
            throw new DatasetNotFoundException("no dataset called '" + name + "'; known datasets: "
                    + String.join(", ", names()));
        }
        if (!split.equals("train") && !split.equals("test")) {
            throw new InvalidDatasetException("split", "split must be 'train' or 'test', not '" + split + "'");
        }
        Dataset dataset = load(name);
        LabeledImages images = split.equals("train") ? dataset.train() : dataset.test();
        if (index < 0 || index >= images.size()) {
            throw new DatasetNotFoundException("dataset '" + name + "' has " + images.size() + " " + split
                    + " images; index " + index + " is outside 0.." + (images.size() - 1));
        }
        float[] pixels = images.images().getRow(index).dup().toFloatVector();
        int label = images.labels()[index];
        return new DatasetImage(name, split, index, pixels, label, dataset.classNames().get(label));
    }

    /** The first {@code perClass} test images of each class, as indices into the test split, by label. */
    public List<List<Integer>> samples(String name, int perClass) {
        if (!exists(name)) {
            throw new DatasetNotFoundException("no dataset called '" + name + "'");
        }
        Dataset dataset = load(name);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < dataset.classCount(); c++) {
            byClass.add(new ArrayList<>());
        }
        int[] labels = dataset.test().labels();
        for (int i = 0; i < labels.length; i++) {
            List<Integer> mine = byClass.get(labels[i]);
            if (mine.size() < perClass) {
                mine.add(i);
            }
        }
        return byClass.stream().map(List::copyOf).toList();
    }

    private static String cacheKey(StoredDataset record) {
        return record.name() + "@" + record.createdAt();
    }

    DatasetStore store() {
        return store;
    }

    private UnknownDatasetException unknown(String name) {
        return new UnknownDatasetException(name, names());
    }

    private static Dataset join(CompletableFuture<Dataset> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
