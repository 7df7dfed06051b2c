package io.digitnet.datasets;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An uploaded dataset as its store records it ({@code dataset.json} next to its files).
 *
 * @param trainCounts images per class in the training split, index = label
 * @param testCounts  images per class in the test split, index = label
 * @param sha256      SHA-256 of each stored file's decompressed content, by file name
 */
public record StoredDataset(String name, DatasetDescription.Source source, List<String> classNames, int[] trainCounts,
                            int[] testCounts, Map<String, String> sha256, Instant createdAt) {

    public StoredDataset {
        classNames = List.copyOf(classNames);
        sha256 = Map.copyOf(sha256);
    }

    public int trainSize() {
        return java.util.Arrays.stream(trainCounts).sum();
    }

    public int testSize() {
        return java.util.Arrays.stream(testCounts).sum();
    }

    DatasetDescription describe() {
        return new DatasetDescription(name, source, DatasetDescription.READY, null, classNames, trainSize(),
                testSize(), trainCounts, testCounts, new java.util.TreeMap<>(sha256), createdAt);
    }
}
