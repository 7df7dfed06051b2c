package io.digitnet.nn;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The forward pass for serving: immutable after construction and safe to share between threads
 * (each call uses its own buffers). Much faster than {@link TwoLayerNet} for small batches.
 *
 * <p>One sample goes through two matrix-vector products (cblas_sgemv) and Java loops; a batch through matrix
 * products (cblas_sgemm) in blocks of {@link #BLOCK} rows. Up to {@link #SMALL_BATCH} rows run on native buffers
 * kept per thread; larger batches allocate theirs per call and free them on return. The weights are an off-heap
 * float32 copy that is only read.
 */
public final class Predictor {

    /** Rows per block of a large batch. */
    static final int BLOCK = 1_000;
    /** Batches up to this size use the calling thread's buffers (a few KB per thread). */
    static final int SMALL_BATCH = 16;

    private final FastForward net; // over a float32 copy of the weights, which it keeps alive
    private final ThreadLocal<Buffers> threadBuffers;

    /** Copies the parameters (to float32) so later changes to them do not affect predictions. */
    public Predictor(Parameters parameters, Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation is required");
        }
        // one BLAS thread per call unless configured otherwise: concurrency comes from the request threads, and a
        // multi-threaded sgemv per request would make them queue for OpenBLAS's shared thread pool
        NativeThreads.ensureConfigured();
        this.net = new FastForward(parameters.copy(DataType.FLOAT), activation);
        this.threadBuffers = ThreadLocal.withInitial(() -> new Buffers(net, SMALL_BATCH));
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
        if (rows == 0) {
            return out;
        }
        if (rows <= SMALL_BATCH) {
            threadBuffers.get().probabilities(x, 0, rows, out);
        } else {
            // freed at once on close, not left to the garbage collector: a batch can take a few MB of native memory
            try (Buffers buffers = new Buffers(net, Math.min(rows, BLOCK))) {
                for (int start = 0; start < rows; start += BLOCK) {
                    buffers.probabilities(x, start, Math.min(BLOCK, rows - start), out);
                }
            }
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

    /** Native buffers for up to {@code capacity} rows: the inputs, the hidden layer and the scores. */
    private static final class Buffers implements AutoCloseable {
        final FastForward net;
        final FloatPointer input;  // [capacity, in]
        final FloatPointer hidden; // [capacity, hidden]
        final FloatPointer scores; // [capacity, out]
        final FloatBuffer hiddenView;
        final FloatBuffer scoresView;

        Buffers(FastForward net, int capacity) {
            this.net = net;
            input = new FloatPointer((long) capacity * net.inputSize);
            hidden = new FloatPointer((long) capacity * net.hiddenSize);
            scores = new FloatPointer((long) capacity * net.outputSize);
            hiddenView = hidden.asBuffer();
            scoresView = scores.asBuffer();
        }

        /** Rows start .. start + n − 1 of x into the same rows of out. */
        void probabilities(float[] x, int start, int n, float[] out) {
            input.put(x, start * net.inputSize, n * net.inputSize);
            if (n == 1) {
                Blas.rowTimesMatrix(net.inputSize, net.hiddenSize, input, net.w1(), hidden);
                net.activation.forward(hiddenView, net.b1(), 1, net.hiddenSize);
                Blas.rowTimesMatrix(net.hiddenSize, net.outputSize, hidden, net.w2(), scores);
            } else {
                net.hidden(input, n, hidden, hiddenView, null);
                net.scores(hidden, n, scores);
            }
            Kernels.biasSoftmax(scoresView, net.b2(), n, net.outputSize);
            scores.get(out, start * net.outputSize, n * net.outputSize);
        }

        @Override
        public void close() {
            input.close();
            hidden.close();
            scores.close();
        }
    }
}
