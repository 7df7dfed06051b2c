package io.digitnet.datasets;

/**
 * One image of a dataset.
 *
 * @param pixels [784] row by row, in [0, 1]
 */
public record DatasetImage(String dataset, String split, int index, float[] pixels, int label, String className) {
}
