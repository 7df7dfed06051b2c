package io.digitnet.nn;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Mean loss and accuracy of float32 weights over a whole data set, in blocks of {@link #CHUNK} rows read in place
 * (no copy of the data). Reuses its buffers; not thread-safe.
 */
final class Evaluation {

    /** Rows per forward pass: large enough for BLAS to run at full speed, small enough to stay in cache-sized MBs. */
    static final int CHUNK = 2_000;

    record Result(double loss, double accuracy) {
    }

    private final FastForward net;
    private final Block hidden; // [CHUNK, hidden]
    private final Block scores; // [CHUNK, out]

    Evaluation(FastForward net) {
        this.net = net;
        this.hidden = new Block(CHUNK, net.hiddenSize);
        this.scores = new Block(CHUNK, net.outputSize);
    }

    /** {@code data.x()} must be contiguous c-order float32 (see {@link NativeArrays#denseFloat}). */
    Result evaluate(LabeledData data) {
        int n = data.size();
        if (n == 0) {
            return new Result(Double.NaN, Double.NaN);
        }
        FloatPointer x = NativeArrays.pointer(data.x());
        int[] labels = data.labels();
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            net.hidden(Blas.at(x, (long) start * net.inputSize), rows, hidden.pointer, hidden.view, hidden);
            net.scores(hidden.pointer, rows, scores.pointer);
            Kernels.biasSoftmax(scores.view, net.b2(), rows, net.outputSize);
            loss += crossEntropySum(scores.view, labels, start, rows, net.outputSize);
            correct += countCorrect(scores.view, labels, start, rows, net.outputSize);
        }
        Reference.reachabilityFence(data);
        return new Result(loss / n, (double) correct / n);
    }

    private static double crossEntropySum(FloatBuffer y, int[] labels, int start, int rows, int cols) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            sum -= Math.log(y.get(r * cols + labels[start + r]) + SoftmaxWithLoss.EPSILON);
        }
        return sum;
    }

    private static long countCorrect(FloatBuffer y, int[] labels, int start, int rows, int cols) {
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            if (Kernels.argMaxRow(y, r, cols) == labels[start + r]) {
                correct++;
            }
        }
        return correct;
    }
}
