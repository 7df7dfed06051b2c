package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of the network, as in the "from scratch" design: {@code forward} keeps what {@code backward} needs,
 * {@code backward} takes dL/d(output) and returns dL/d(input). Layers with parameters also keep their gradients.
 * Inputs are [batch, features] matrices.
 */
public interface Layer {

    INDArray forward(INDArray x);

    INDArray backward(INDArray dout);
}
