package io.digitnet.datasets;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where uploaded datasets are kept: each as its record and its four IDX files, stored all at once or not at all,
 * checked against their SHA-256 when read. The file adapter ({@link FileDatasetStore}) keeps them under the datasets
 * folder; in cluster mode a shared store does.
 */
public interface DatasetStore {

    /** Every stored dataset, by name. */
    List<StoredDataset> list();

    Optional<StoredDataset> find(String name);

    /**
     * @throws UnknownDatasetException      when there is no such dataset
     * @throws DatasetUnavailableException when its files are missing or fail their checksum
     */
    Dataset load(String name);

    /**
     * Stores a dataset atomically; the record's checksums are computed here.
     *
     * @throws DuplicateDatasetException when the name is taken
     */
    StoredDataset save(StoredDataset record, DatasetContent content);

    /** @throws UnknownDatasetException when there is no such dataset */
    void delete(String name);

    /**
     * Calls {@code listener} with the name of a dataset that another instance deleted (or replaced), so that what
     * was loaded of it can be let go; a store that only this instance changes never calls it.
     */
    default void onRemoved(Consumer<String> listener) {
    }
}
