package io.digitnet.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images and labels of one split.
 *
 * @param images shape [n, 784], c-order float32, pixels scaled to [0, 1]
 * @param labels class indices 0..9, length n
 */
public record LabeledImages(INDArray images, int[] labels) {
    public int size() {
        return labels.length;
    }
}
