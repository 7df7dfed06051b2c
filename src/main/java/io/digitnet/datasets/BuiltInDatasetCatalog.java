package io.digitnet.datasets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The built-in datasets, {@code mnist} and {@code fashion-mnist}. The first {@link #load} of a dataset verifies
 * (and, where needed, provisions) its files and reads them; later calls, from any thread, get the same instance.
 * Callers share its arrays and must not modify them.
 */
@Component
class BuiltInDatasetCatalog {

    private static final Logger log = LoggerFactory.getLogger(BuiltInDatasetCatalog.class);

    private final Map<String, DatasetSpec> specs = new LinkedHashMap<>();
    private final DatasetProvisioner provisioner;
    /** A future per dataset being loaded or loaded; a failed load is removed so that a later call tries again. */
    private final ConcurrentMap<String, CompletableFuture<Dataset>> loaded = new ConcurrentHashMap<>();
    /** Datasets whose files are being obtained right now (at start-up or by a load). */
    private final Set<String> provisioning = ConcurrentHashMap.newKeySet();
    /** Why the last attempt to obtain or read a dataset failed; cleared by a successful load. */
    private final ConcurrentMap<String, String> failures = new ConcurrentHashMap<>();

    @Autowired
    BuiltInDatasetCatalog(DatasetsSettings settings) {
        this(BuiltInDatasets.specs(settings), new DatasetProvisioner(settings.dir(), settings.download()));
    }

    BuiltInDatasetCatalog(List<DatasetSpec> specs, DatasetProvisioner provisioner) {
        specs.forEach(spec -> this.specs.put(spec.name(), spec));
        this.provisioner = provisioner;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(specs.keySet());
    }

    public Dataset load(String name) {
        DatasetSpec spec = specs.get(name);
        if (spec == null) {
            throw new UnknownDatasetException(name, specs.keySet());
        }
        CompletableFuture<Dataset> mine = new CompletableFuture<>();
        CompletableFuture<Dataset> existing = loaded.putIfAbsent(name, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            Dataset dataset = read(spec);
            failures.remove(name);
            mine.complete(dataset);
            return dataset;
        } catch (Throwable e) {
            failures.put(name, String.valueOf(e.getMessage()));
            loaded.remove(name, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * The training images of a loaded dataset, else the count in the IDX header of its (verified, and where needed
     * provisioned) training labels: no pixel is read.
     */
    int trainSize(String name) {
        DatasetSpec spec = specs.get(name);
        if (spec == null) {
            throw new UnknownDatasetException(name, specs.keySet());
        }
        CompletableFuture<Dataset> current = loaded.get(name);
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            return current.join().train().size();
        }
        DatasetFiles files = provisioner.ensure(spec);
        try {
            return IdxFiles.labelCount(files.get(StandardFile.TRAIN_LABELS));
        } catch (InvalidIdxFileException | UncheckedIOException e) {
            throw new DatasetUnavailableException("dataset '" + spec.name() + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** The datasets read into memory so far. */
    Set<String> loadedNames() {
        return loaded.entrySet().stream()
                .filter(e -> e.getValue().isDone() && !e.getValue().isCompletedExceptionally())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * Ready (with sizes and counts) once loaded; loads it now when nobody is obtaining its files, so that this never
     * waits for a download: a dataset being provisioned is reported as {@code provisioning}.
     */
    DatasetDescription describe(String name) {
        DatasetSpec spec = specs.get(name);
        if (spec == null) {
            throw new UnknownDatasetException(name, specs.keySet());
        }
        DatasetDescription.Source source = new DatasetDescription.Source(DatasetDescription.Source.BUILT_IN, null,
                "idx");
        CompletableFuture<Dataset> current = loaded.get(name);
        boolean busy = current == null ? provisioning.contains(name) : !current.isDone();
        if (busy) {
            return DatasetDescription.notReady(name, source, DatasetDescription.PROVISIONING, null);
        }
        try {
            Dataset dataset = load(name);
            Map<String, String> sha256 = new LinkedHashMap<>();
            spec.sha256().forEach((file, sum) -> sha256.put(file.fileName(), sum));
            return DatasetDescription.ready(name, source, dataset, sha256, null);
        } catch (RuntimeException e) {
            return DatasetDescription.notReady(name, source, DatasetDescription.FAILED,
                    failures.getOrDefault(name, String.valueOf(e.getMessage())));
        }
    }

    /** Obtains and verifies the files of every dataset without reading them; logs instead of throwing. */
    void provisionAll() {
        for (DatasetSpec spec : specs.values()) {
            provisioning.add(spec.name());
            try {
                provisioner.ensure(spec);
            } catch (RuntimeException e) {
                failures.put(spec.name(), String.valueOf(e.getMessage()));
                log.warn("{}", e.getMessage());
            } finally {
                provisioning.remove(spec.name());
            }
        }
    }

    private Dataset read(DatasetSpec spec) {
        DatasetFiles files = provisioner.ensure(spec);
        long started = System.nanoTime();
        try {
            LabeledImages train = IdxFiles.read(files.get(StandardFile.TRAIN_IMAGES),
                    files.get(StandardFile.TRAIN_LABELS));
            LabeledImages test = IdxFiles.read(files.get(StandardFile.TEST_IMAGES),
                    files.get(StandardFile.TEST_LABELS));
            log.info("dataset {}: loaded {} training and {} test images in {} s", spec.name(), train.size(),
                    test.size(), String.format("%.2f", (System.nanoTime() - started) / 1e9));
            return new Dataset(spec.name(), train, test, ClassNames.builtIn(spec.name())
                    .orElse(ClassNames.numbered(IdxFiles.CLASSES)));
        } catch (InvalidIdxFileException | UncheckedIOException e) {
            throw new DatasetUnavailableException("dataset '" + spec.name() + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static Dataset await(CompletableFuture<Dataset> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
