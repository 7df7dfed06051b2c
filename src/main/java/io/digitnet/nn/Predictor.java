package io.digitnet.nn;

/**
 * The forward pass for serving: immutable after construction and safe to share between threads
 * (each call uses its own buffers). Much faster than {@link TwoLayerNet} for small batches.
 *
 * <p>CONTRACT (skeleton): the nn implementation fills in the bodies; the signatures are relied on by other packages.
 */
public final class Predictor {

    /** Copies the parameters (to float32) so later changes to them do not affect predictions. */
    public Predictor(Parameters parameters, Activation activation) {
        throw new UnsupportedOperationException("skeleton");
    }

    public int inputSize() { throw new UnsupportedOperationException("skeleton"); }

    public int outputSize() { throw new UnsupportedOperationException("skeleton"); }

    /**
     * Softmax probabilities for {@code rows} inputs laid out row-major in {@code x} (length rows × inputSize).
     * Returns rows × outputSize values, row-major.
     */
    public float[] probabilities(float[] x, int rows) { throw new UnsupportedOperationException("skeleton"); }
}
