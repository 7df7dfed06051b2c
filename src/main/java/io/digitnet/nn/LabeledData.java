package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples and their class labels.
 *
 * @param x      inputs, shape [n, inputSize], c-order float32 (float64 in gradient checks)
 * @param labels class indices, length n
 */
public record LabeledData(INDArray x, int[] labels) {
    public int size() {
        return labels.length;
    }
}
