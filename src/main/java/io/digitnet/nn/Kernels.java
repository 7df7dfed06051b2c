package io.digitnet.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The element-wise work of the fast paths as plain loops over row-major float32 buffers [rows, cols]. Each loop sits
 * in its own small method: the JIT inlines the buffer accessors there, not in one large method. The math is that of
 * the reference layers ({@link Sigmoid}, {@link Relu}, {@link SoftmaxWithLoss}).
 */
final class Kernels {

    private Kernels() {
    }

    /** dst row r ← src row order[from + r], for r < rows; rows of {@code width} floats. */
    static void gatherRows(FloatBuffer src, int[] order, int from, int rows, int width, FloatBuffer dst) {
        for (int r = 0; r < rows; r++) {
            dst.put(r * width, src, order[from + r] * width, width);
        }
    }

    /** Every row of z ← b. */
    static void fillRows(FloatBuffer z, FloatBuffer b, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            z.put(r * cols, b, 0, cols);
        }
    }

    /** z ← sigmoid(z + b), b broadcast over rows. */
    static void biasSigmoid(FloatBuffer z, FloatBuffer b, int rows, int cols) {
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                z.put(o + j, sigmoid(z.get(o + j) + b.get(j)));
            }
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** z ← max(z + b, 0). */
    static void biasRelu(FloatBuffer z, FloatBuffer b, int rows, int cols) {
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                z.put(o + j, Math.max(z.get(o + j) + b.get(j), 0f));
            }
        }
    }

    static void biasActivation(Activation activation, FloatBuffer z, FloatBuffer b, int rows, int cols) {
        if (activation == Activation.SIGMOID) {
            biasSigmoid(z, b, rows, cols);
        } else {
            biasRelu(z, b, rows, cols);
        }
    }

    /** Sigmoid backward: d ← d·y·(1 − y); columnSums ← Σ over rows of the result (the bias gradient). */
    static void sigmoidBackward(FloatBuffer d, FloatBuffer y, int rows, int cols, float[] columnSums) {
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

    /** ReLU backward from its output y = max(x, 0): d ← d where y > 0, else 0; columnSums as above. */
    static void reluBackward(FloatBuffer d, FloatBuffer y, int rows, int cols, float[] columnSums) {
        Arrays.fill(columnSums, 0, cols, 0f);
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                float v = passWherePositive(d.get(o + j), y.get(o + j));
                d.put(o + j, v);
                columnSums[j] += v;
            }
        }
    }

    /**
     * d where y > 0, else +0, without a branch (about half the units are active, in no predictable pattern):
     * y is ≥ +0, so y > 0 exactly when its bits are non-zero, and −bits >> 31 is then an all-ones mask.
     */
    static float passWherePositive(float d, float y) {
        int mask = -Float.floatToRawIntBits(y) >> 31;
        return Float.intBitsToFloat(Float.floatToRawIntBits(d) & mask);
    }

    static void activationBackward(Activation activation, FloatBuffer d, FloatBuffer y, int rows, int cols,
                                   float[] columnSums) {
        if (activation == Activation.SIGMOID) {
            sigmoidBackward(d, y, rows, cols, columnSums);
        } else {
            reluBackward(d, y, rows, cols, columnSums);
        }
    }

    /**
     * SoftmaxWithLoss forward and backward in one pass: s row r ← softmax(s + b) − onehot(labels[r]) (the gradient
     * times the batch size), columnSums ← Σ over rows of that; returns Σ_r −log(y[r, label] + 1e−7).
     */
    static double softmaxWithLoss(FloatBuffer s, FloatBuffer b, int rows, int cols, int[] labels,
                                  float[] columnSums) {
        Arrays.fill(columnSums, 0, cols, 0f);
        double loss = 0;
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            softmaxRow(s, b, o, cols);
            int label = labels[r];
            float y = s.get(o + label);
            loss -= Math.log(y + SoftmaxWithLoss.EPSILON);
            s.put(o + label, y - 1f);
            for (int j = 0; j < cols; j++) {
                columnSums[j] += s.get(o + j);
            }
        }
        return loss;
    }

    /** s ← row-wise softmax(s + b). */
    static void biasSoftmax(FloatBuffer s, FloatBuffer b, int rows, int cols) {
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            softmaxRow(s, b, o, cols);
        }
    }

    /** One row at offset o: add b, subtract the row max, exponentiate, normalise. */
    static void softmaxRow(FloatBuffer s, FloatBuffer b, int o, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            float z = s.get(o + j) + b.get(j);
            s.put(o + j, z);
            max = Math.max(max, z);
        }
        float sum = 0f;
        for (int j = 0; j < cols; j++) {
            float e = (float) Math.exp(s.get(o + j) - max);
            s.put(o + j, e);
            sum += e;
        }
        float inverse = 1f / sum;
        for (int j = 0; j < cols; j++) {
            s.put(o + j, s.get(o + j) * inverse);
        }
    }

    /** y ← y + alpha·x for n entries. */
    static void addScaled(FloatBuffer y, float alpha, float[] x, int n) {
        for (int j = 0; j < n; j++) {
            y.put(j, y.get(j) + alpha * x[j]);
        }
    }

    /** The column of the largest value in row r (the first one on ties, as argmax). */
    static int argMaxRow(FloatBuffer s, int r, int cols) {
        int o = r * cols;
        int best = 0;
        float max = s.get(o);
        for (int j = 1; j < cols; j++) {
            if (s.get(o + j) > max) {
                max = s.get(o + j);
                best = j;
            }
        }
        return best;
    }
}
