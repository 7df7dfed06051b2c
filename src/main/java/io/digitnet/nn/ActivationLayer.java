package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The hidden layer's activation as a {@link Layer}: y = f(x); backward dout ⊙ f'(x) from y, so only y is kept. */
public final class ActivationLayer implements Layer {

    private final Activation f;
    private INDArray y; // [batch, n]

    public ActivationLayer(Activation f) {
        this.f = f;
    }

    @Override
    public INDArray forward(INDArray x) {
        y = f.forward(x);
        return y;
    }

    @Override
    public INDArray backward(INDArray dout) {
        return f.backward(dout, y);
    }
}
