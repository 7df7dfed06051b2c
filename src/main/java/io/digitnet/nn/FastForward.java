package io.digitnet.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The forward pass of float32 weights on raw memory, for blocks of rows: Affine → activation → Affine, with the two
 * products in BLAS. Holds the weights (no copy) and no buffers of its own, so one instance can serve several
 * threads when each brings its own buffers.
 */
final class FastForward {

    /** From this many values on, a native activation op (the sigmoid's) beats a Java loop despite its ~10 µs call. */
    static final int NATIVE_MIN = 4_096;

    final int inputSize;
    final int hiddenSize;
    final int outputSize;
    final Activation activation;
    private final Parameters parameters; // keeps the arrays behind the pointers alive
    private final FloatPointer w1; // [in, hidden]
    private final FloatBuffer b1;  // [hidden]
    private final FloatPointer w2; // [hidden, out]
    private final FloatBuffer b2;  // [out]

    FastForward(Parameters parameters, Activation activation) {
        this.inputSize = parameters.inputSize();
        this.hiddenSize = parameters.hiddenSize();
        this.outputSize = parameters.outputSize();
        this.activation = activation;
        this.parameters = parameters;
        this.w1 = NativeArrays.pointer(parameters.w1());
        this.b1 = NativeArrays.floats(parameters.b1());
        this.w2 = NativeArrays.pointer(parameters.w2());
        this.b2 = NativeArrays.floats(parameters.b2());
    }

    /**
     * Affine1 and the activation: hidden [rows, hiddenSize] ← f(x·W1 + b1). {@code hiddenBlock}, the block behind
     * {@code hidden} (or null), lets a large block run through the activation's native op where it has one
     * ({@link Activation#hasNativeOp()}), with b1 put into the output first and the product added to it (beta = 1).
     */
    void hidden(FloatPointer x, int rows, FloatPointer hidden, FloatBuffer hiddenView, Block hiddenBlock) {
        if (hiddenBlock != null && rows * hiddenSize >= NATIVE_MIN && activation.hasNativeOp()) {
            Kernels.fillRows(hiddenView, b1, rows, hiddenSize);
            Blas.gemm(false, false, rows, hiddenSize, inputSize, 1f, x, w1, 1f, hidden);
            activation.applyNative(hiddenBlock.firstRows(rows));
        } else {
            Blas.gemm(false, false, rows, hiddenSize, inputSize, 1f, x, w1, 0f, hidden);
            activation.forward(hiddenView, b1, rows, hiddenSize);
        }
    }

    /** Affine2 without its bias: scores [rows, outputSize] ← hidden·W2; the softmax kernels add b2 ({@link #b2()}). */
    void scores(FloatPointer hidden, int rows, FloatPointer scores) {
        Blas.gemm(false, false, rows, outputSize, hiddenSize, 1f, hidden, w2, 0f, scores);
    }

    Parameters parameters() {
        return parameters;
    }

    FloatPointer w1() {
        return w1;
    }

    FloatBuffer b1() {
        return b1;
    }

    FloatPointer w2() {
        return w2;
    }

    FloatBuffer b2() {
        return b2;
    }
}
