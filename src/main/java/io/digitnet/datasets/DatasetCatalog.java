package io.digitnet.datasets;

import java.util.List;
import java.util.Set;

/**
 * The datasets the service knows: the built-in {@code mnist} and {@code fashion-mnist}, and those uploaded; the one
 * way other modules reach datasets. Implemented by {@link Datasets}.
 *
 * <p>The contract: {@link #names()} lists exactly what {@link #load} and {@link #trainSize} accept, and is cheap.
 * {@link #load} verifies (and for a built-in dataset, where needed, provisions) the files before reading them; the
 * result is cached, the same instance is handed to every caller and thread, and its arrays must not be modified.
 * {@link #trainSize} answers from metadata (the IDX header of the training labels, an upload's stored record)
 * without reading any pixels, so that a request thread can check a job against the dataset's size.
 * Both throw {@link UnknownDatasetException} for a name not in {@link #names()} and
 * {@link DatasetUnavailableException} when the files are missing and cannot be obtained, or are corrupt.
 */
public interface DatasetCatalog {

    /** The datasets that can be loaded (built-in ones, and uploads that are ready). */
    Set<String> names();

    /** @throws UnknownDatasetException     for a name not in {@link #names()}
     *  @throws DatasetUnavailableException when the files are missing and cannot be obtained, or are corrupt */
    Dataset load(String name);

    /**
     * The number of images in the training split, read from metadata; the pixels are not read.
     *
     * @throws UnknownDatasetException     for a name not in {@link #names()}
     * @throws DatasetUnavailableException when the files are missing and cannot be obtained, or are corrupt
     */
    int trainSize(String name);

    /** Every dataset, built-in ones first, then uploads by name; includes uploads being processed or failed. */
    default List<DatasetDescription> list() {
        return names().stream().sorted().map(this::describe).toList();
    }

    /** @throws UnknownDatasetException for a name nobody knows */
    default DatasetDescription describe(String name) {
        Dataset dataset = load(name);
        return DatasetDescription.ready(name, new DatasetDescription.Source(DatasetDescription.Source.BUILT_IN,
                null, "idx"), dataset, java.util.Map.of(), null);
    }

    /** What each label of the dataset means, in label order. */
    default List<String> classNames(String name) {
        return ClassNames.builtIn(name).orElseGet(() -> load(name).classNames());
    }
}
