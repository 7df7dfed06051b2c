package io.digitnet.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The element-wise work of the fast paths as plain loops over row-major float32 buffers [rows, cols]. Each loop sits
 * in its own small method: the JIT inlines the buffer accessors there, not in one large method. The math is that of
 * the reference layers ({@link SoftmaxWithLoss}); the activations' loops are in {@link Activation}.
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

    /**
     * SoftmaxWithLoss forward and backward in one pass: s row r ← softmax(s + b) − onehot(labels[r]) (the gradient
     * times the batch size), columnSums ← Σ over rows of that, predicted[r] ← the arg-max of row r's probabilities;
     * returns Σ_r −log(y[r, label] + 1e−7).
     */
    static double softmaxWithLoss(FloatBuffer s, FloatBuffer b, int rows, int cols, int[] labels,
                                  float[] columnSums, int[] predicted) {
        Arrays.fill(columnSums, 0, cols, 0f);
        double loss = 0;
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            softmaxRow(s, b, o, cols);
            predicted[r] = argMaxRow(s, r, cols);
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
