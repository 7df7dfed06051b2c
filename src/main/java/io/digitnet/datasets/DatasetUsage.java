package io.digitnet.datasets;

import java.util.List;

/**
 * Something that uses datasets and may forbid deleting one: the features above datasets (training jobs, aliased
 * models) implement it, so that datasets need not know them.
 */
public interface DatasetUsage {

    /** Why the dataset cannot be deleted now, one sentence per use; empty when nothing here uses it. */
    List<String> uses(String dataset);
}
