package io.digitnet.datasets;

import java.util.List;
import java.util.Map;

/**
 * What a dataset is on disk: its name (also its folder), the SHA-256 of each file's decompressed content, and the
 * sources to try, in order, for missing files.
 */
record DatasetSpec(String name, Map<StandardFile, String> sha256, List<DatasetSource> sources) {

    DatasetSpec {
        if (!sha256.keySet().containsAll(List.of(StandardFile.values()))) {
            throw new IllegalArgumentException("dataset " + name + " needs a SHA-256 for each of its four files");
        }
        sha256 = Map.copyOf(sha256);
        sources = List.copyOf(sources);
    }
}
