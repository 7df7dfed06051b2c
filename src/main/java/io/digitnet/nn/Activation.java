package io.digitnet.nn;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hidden layer's activation function y = f(x), applied element by element, with its derivative written in terms
 * of the output y (as smile's {@code ActivationFunction}): that is all backpropagation keeps, so a hidden layer's
 * backward reads {@code dout ⊙ f'(y)}.
 *
 * <p>Each constant carries its whole behaviour in two forms: on INDArrays, for the readable reference layer
 * ({@link ActivationLayer}, any data type, gradient-checked in float64), and as loops over row-major float32 buffers
 * for the fast paths ({@link TrainingStep}, {@link Evaluation}, {@link Predictor}). Every loop sits in its own
 * constant's method, so the JIT sees one function per loop. Adding an activation (tanh, say) is one constant here;
 * the tests iterate over {@code values()}.
 */
public enum Activation {

    /** y = 1 / (1 + e^−x); f'(x) = y·(1 − y). */
    SIGMOID {
        @Override
        INDArray forward(INDArray x) {
            return Transforms.sigmoid(x, true);
        }

        @Override
        INDArray backward(INDArray dout, INDArray y) {
            return dout.mul(y).muli(y.rsub(1.0));
        }

        @Override
        void forward(FloatBuffer z, FloatBuffer b, int rows, int cols) {
            for (int r = 0, o = 0; r < rows; r++, o += cols) {
                for (int j = 0; j < cols; j++) {
                    z.put(o + j, sigmoid(z.get(o + j) + b.get(j)));
                }
            }
        }

        @Override
        void backward(FloatBuffer d, FloatBuffer y, int rows, int cols, float[] columnSums) {
            Arrays.fill(columnSums, 0, cols, 0f);
            for (int r = 0, o = 0; r < rows; r++, o += cols) {
                for (int j = 0; j < cols; j++) {
                    float yj = y.get(o + j);
                    float v = d.get(o + j) * yj * (1f - yj);
                    d.put(o + j, v);
                    columnSums[j] += v;
                }
            }
        }

        /** ND4J's vectorised sigmoid costs about a third of a loop of Math.exp once its ~10 µs call is paid. */
        @Override
        boolean hasNativeOp() {
            return true;
        }

        @Override
        void applyNative(INDArray z) {
            Transforms.sigmoid(z, false);
        }
    },

    /** y = max(x, 0); f'(x) = 1 where y > 0, else 0. */
    RELU {
        @Override
        INDArray forward(INDArray x) {
            return Transforms.relu(x, true);
        }

        @Override
        INDArray backward(INDArray dout, INDArray y) {
            return dout.mul(y.gt(0.0).castTo(dout.dataType()));
        }

        @Override
        void forward(FloatBuffer z, FloatBuffer b, int rows, int cols) {
            for (int r = 0, o = 0; r < rows; r++, o += cols) {
                for (int j = 0; j < cols; j++) {
                    z.put(o + j, Math.max(z.get(o + j) + b.get(j), 0f));
                }
            }
        }

        @Override
        void backward(FloatBuffer d, FloatBuffer y, int rows, int cols, float[] columnSums) {
            Arrays.fill(columnSums, 0, cols, 0f);
            for (int r = 0, o = 0; r < rows; r++, o += cols) {
                for (int j = 0; j < cols; j++) {
                    float v = passWherePositive(d.get(o + j), y.get(o + j));
                    d.put(o + j, v);
                    columnSums[j] += v;
                }
            }
        }
    };

    /** y = f(x) as a new array (the reference layer's forward). */
    abstract INDArray forward(INDArray x);

    /** dL/dx = dout ⊙ f'(x), computed from the output y = f(x) (the reference layer's backward). */
    abstract INDArray backward(INDArray dout, INDArray y);

    /** z ← f(z + b) on a row-major block [rows, cols], b [cols] broadcast over the rows. */
    abstract void forward(FloatBuffer z, FloatBuffer b, int rows, int cols);

    /**
     * d ← d ⊙ f'(x), computed from the output y [rows, cols]; columnSums [cols] ← Σ over rows of the result (the
     * bias gradient, for free while the values pass by).
     */
    abstract void backward(FloatBuffer d, FloatBuffer y, int rows, int cols, float[] columnSums);

    /** Whether {@link #applyNative} beats the Java loop on large blocks (it then costs a ~10 µs call). */
    boolean hasNativeOp() {
        return false;
    }

    /** z ← f(z) in place with one of ND4J's native (vectorised) ops; only where {@link #hasNativeOp()}. */
    void applyNative(INDArray z) {
        throw new UnsupportedOperationException(name() + " has no native op");
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * d where y > 0, else +0, without a branch (about half the units are active, in no predictable pattern):
     * y is ≥ +0, so y > 0 exactly when its bits are non-zero, and −bits >> 31 is then an all-ones mask.
     */
    static float passWherePositive(float d, float y) {
        int mask = -Float.floatToRawIntBits(y) >> 31;
        return Float.intBitsToFloat(Float.floatToRawIntBits(d) & mask);
    }

    /** The name in JSON, the API and stored files ("sigmoid", "relu"); Jackson reads it back by it too. */
    @JsonValue
    public String id() {
        return Names.of(this);
    }

    /**
     * The constant named {@code id}, in any case.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Activation of(String id) {
        return Names.parse(Activation.class, id);
    }
}
