package io.digitnet.nn;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The forward pass for serving: immutable after construction and safe to share between threads
 * (each call uses its own buffers). Much faster than {@link TwoLayerNet} for small batches.
 *
 * <p>One sample goes through two matrix-vector products (cblas_sgemv) and Java loops on a small per-thread
 * buffer; a batch goes through matrix products in blocks of {@link #BLOCK} rows on buffers allocated per call.
 * The weights are an off-heap float32 copy that is only read.
 */
public final class Predictor {

    /** Rows per block of a batch prediction. */
    static final int BLOCK = 1_000;

    private final FastForward net; // over a float32 copy of the weights, which it keeps alive
    private final ThreadLocal<SampleBuffers> sampleBuffers;

    /** Copies the parameters (to float32) so later changes to them do not affect predictions. */
    public Predictor(Parameters parameters, Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation is required");
        }
        this.net = new FastForward(parameters.copy(DataType.FLOAT), activation);
        this.sampleBuffers = ThreadLocal.withInitial(() -> new SampleBuffers(net.inputSize, net.hiddenSize, net.outputSize));
    }

    public int inputSize() {
        return net.inputSize;
    }

    public int outputSize() {
        return net.outputSize;
    }

    public int hiddenSize() {
        return net.hiddenSize;
    }

    public Activation activation() {
        return net.activation;
    }

    /**
     * Softmax probabilities for {@code rows} inputs laid out row-major in {@code x} (length rows × inputSize).
     * Returns rows × outputSize values, row-major.
     */
    public float[] probabilities(float[] x, int rows) {
        if (rows < 0 || x == null || (long) rows * net.inputSize != x.length) {
            throw new IllegalArgumentException("expected " + rows + " × " + net.inputSize + " inputs, got "
                    + (x == null ? "null" : x.length));
        }
        float[] out = new float[rows * net.outputSize];
        if (rows == 1) {
            sampleBuffers.get().probabilities(net, x, out);
        } else if (rows > 1) {
            batchProbabilities(x, rows, out);
        }
        Reference.reachabilityFence(this); // the weights' memory was in use by native code until here
        return out;
    }

    /** The class with the highest probability for each of {@code rows} inputs. */
    public int[] predict(float[] x, int rows) {
        float[] p = probabilities(x, rows);
        int[] classes = new int[rows];
        FloatBuffer view = FloatBuffer.wrap(p);
        for (int r = 0; r < rows; r++) {
            classes[r] = Kernels.argMaxRow(view, r, net.outputSize);
        }
        return classes;
    }

    private void batchProbabilities(float[] x, int rows, float[] out) {
        int block = Math.min(rows, BLOCK);
        // freed at once on close, not left to the garbage collector: a batch can be a few MB of native memory
        try (FloatPointer input = new FloatPointer((long) block * net.inputSize);
             FloatPointer hidden = new FloatPointer((long) block * net.hiddenSize);
             FloatPointer scores = new FloatPointer((long) block * net.outputSize)) {
            FloatBuffer hiddenView = hidden.asBuffer();
            FloatBuffer scoresView = scores.asBuffer();
            for (int start = 0; start < rows; start += block) {
                int n = Math.min(block, rows - start);
                input.put(x, start * net.inputSize, n * net.inputSize);
                net.hidden(input, n, hidden, hiddenView, null);
                net.scores(hidden, n, scores);
                Kernels.biasSoftmax(scoresView, net.b2(), n, net.outputSize);
                scores.get(out, start * net.outputSize, n * net.outputSize);
            }
        }
    }

    /** Native buffers for one sample, one set per thread. */
    private static final class SampleBuffers {
        final FloatPointer input;  // [in]
        final FloatPointer hidden; // [hidden]
        final FloatPointer scores; // [out]
        final FloatBuffer hiddenView;
        final FloatBuffer scoresView;

        SampleBuffers(int inputSize, int hiddenSize, int outputSize) {
            input = new FloatPointer(inputSize);
            hidden = new FloatPointer(hiddenSize);
            scores = new FloatPointer(outputSize);
            hiddenView = hidden.asBuffer();
            scoresView = scores.asBuffer();
        }

        void probabilities(FastForward net, float[] x, float[] out) {
            input.put(x, 0, net.inputSize);
            Blas.rowTimesMatrix(net.inputSize, net.hiddenSize, input, net.w1(), hidden);
            Kernels.biasActivation(net.activation, hiddenView, net.b1(), 1, net.hiddenSize);
            Blas.rowTimesMatrix(net.hiddenSize, net.outputSize, hidden, net.w2(), scores);
            Kernels.softmaxRow(scoresView, net.b2(), 0, net.outputSize);
            scores.get(out, 0, net.outputSize);
        }
    }
}
