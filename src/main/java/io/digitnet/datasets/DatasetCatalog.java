package io.digitnet.datasets;

import java.util.List;
import java.util.Set;

/**
 * The datasets the service knows: the built-in {@code mnist} and {@code fashion-mnist}, and those uploaded. Loading
 * verifies and, where needed, provisions the files; loaded datasets are cached and shared read-only.
 */
public interface DatasetCatalog {

    /** The datasets that can be loaded (built-in ones, and uploads that are ready). */
    Set<String> names();

    /** @throws UnknownDatasetException     for a name not in {@link #names()}
     *  @throws DatasetUnavailableException when the files are missing and cannot be obtained, or are corrupt */
    Dataset load(String name);

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
