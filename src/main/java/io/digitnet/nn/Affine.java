package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** out = x·W + b. The reference implementation; the trainer's fast path mirrors it on raw buffers. */
public final class Affine implements Layer {

    private final INDArray w; // [in, out]
    private final INDArray b; // [out]
    private INDArray x;       // [batch, in], kept for backward
    private INDArray dw;      // [in, out]
    private INDArray db;      // [out]

    /** Uses the given arrays (no copy), so a numerical gradient that perturbs them is seen here. */
    public Affine(INDArray w, INDArray b) {
        this.w = w;
        this.b = b;
    }

    @Override
    public INDArray forward(INDArray x) {
        this.x = x;
        return x.mmul(w).addiRowVector(b);
    }

    @Override
    public INDArray backward(INDArray dout) {
        dw = x.transpose().mmul(dout);
        db = dout.sum(0);
        return dout.mmul(w.transpose());
    }

    public INDArray dW() {
        return dw;
    }

    public INDArray db() {
        return db;
    }
}
