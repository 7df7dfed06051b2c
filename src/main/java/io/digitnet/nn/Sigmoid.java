package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** y = 1 / (1 + e^−x); backward dout·y·(1 − y), so only y is kept. */
public final class Sigmoid implements Layer {

    private INDArray y; // [batch, n]

    @Override
    public INDArray forward(INDArray x) {
        y = Transforms.sigmoid(x, true);
        return y;
    }

    @Override
    public INDArray backward(INDArray dout) {
        return dout.mul(y).muli(y.rsub(1.0));
    }
}
