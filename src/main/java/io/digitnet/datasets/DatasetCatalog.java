package io.digitnet.datasets;

import java.util.Set;

/**
 * The datasets the service knows ({@code mnist}, {@code fashion-mnist}). Loading verifies and, where needed,
 * provisions the files; loaded datasets are cached and shared read-only.
 *
 * <p>CONTRACT (skeleton): the datasets implementation provides the Spring bean.
 */
public interface DatasetCatalog {

    Set<String> names();

    /** @throws UnknownDatasetException     for a name not in {@link #names()}
     *  @throws DatasetUnavailableException when the files are missing and cannot be obtained, or are corrupt */
    Dataset load(String name);
}
