package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Affine → activation → Affine → SoftmaxWithLoss, as in the "from scratch" notebook, on ND4J.
 * Not thread-safe: it keeps the forward pass's intermediate values for backward.
 *
 * <p>CONTRACT (skeleton): the nn implementation fills in the bodies; the signatures are relied on by other packages.
 */
public final class TwoLayerNet {

    /** Fresh float32 weights with the notebook's {@code std} init and seed 0. */
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, Activation activation) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Uses the given parameters as they are (no copy). */
    public TwoLayerNet(Parameters parameters, Activation activation) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Parameters parameters() { throw new UnsupportedOperationException("skeleton"); }

    public Activation activation() { throw new UnsupportedOperationException("skeleton"); }

    /** Scores before softmax, shape [n, outputSize]. */
    public INDArray logits(INDArray x) { throw new UnsupportedOperationException("skeleton"); }

    /** Row-wise softmax of the logits, shape [n, outputSize]. */
    public INDArray probabilities(INDArray x) { throw new UnsupportedOperationException("skeleton"); }

    /** Mean cross-entropy over the batch. */
    public double loss(INDArray x, int[] labels) { throw new UnsupportedOperationException("skeleton"); }

    /** Fraction of rows whose arg-max equals the label; computed in large batches. */
    public double accuracy(INDArray x, int[] labels) { throw new UnsupportedOperationException("skeleton"); }

    /** Gradients of the mean loss by backpropagation, keyed like {@link Parameters#NAMES}. */
    public Parameters gradients(INDArray x, int[] labels) { throw new UnsupportedOperationException("skeleton"); }
}
