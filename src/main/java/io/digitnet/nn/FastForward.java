package io.digitnet.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The forward pass of float32 weights on raw memory, for blocks of rows: Affine → activation → Affine, with the two
 * products in BLAS. Holds pointers into the weights (no copy) and no buffers of its own, so one instance can serve
 * several threads when each brings its own buffers.
 */
final class FastForward {

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
     * hidden [rows, hiddenSize] ← act(x·W1 + b1); scores [rows, outputSize] ← hidden·W2, without b2: the softmax
     * kernels add it on their way ({@link #b2()}).
     */
    void scores(FloatPointer x, int rows, FloatPointer hidden, FloatBuffer hiddenView, FloatPointer scores) {
        Blas.gemm(false, false, rows, hiddenSize, inputSize, 1f, x, w1, 0f, hidden);
        Kernels.biasActivation(activation, hiddenView, b1, rows, hiddenSize);
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
