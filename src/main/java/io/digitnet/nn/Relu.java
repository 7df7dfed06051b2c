package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** y = max(x, 0); backward passes dout where x > 0. */
public final class Relu implements Layer {

    private INDArray mask; // [batch, n]: 1 where x > 0, else 0

    @Override
    public INDArray forward(INDArray x) {
        mask = x.gt(0.0).castTo(x.dataType());
        return x.mul(mask);
    }

    @Override
    public INDArray backward(INDArray dout) {
        return dout.mul(mask);
    }
}
