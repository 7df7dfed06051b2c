package io.digitnet.datasets;

import java.util.List;

/**
 * A dataset read from an upload, before it is stored: pixels as bytes 0..255 (0 = background), labels
 * 0..classNames.size()-1.
 */
public record DatasetContent(List<String> classNames, Split train, Split test) {

    public DatasetContent {
        classNames = List.copyOf(classNames);
    }

    /** @param pixels [n × 784] row by row, image after image; @param labels [n] */
    public record Split(byte[] pixels, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    int[] counts(Split split) {
        int[] counts = new int[classNames.size()];
        for (int label : split.labels()) {
            counts[label]++;
        }
        return counts;
    }
}
