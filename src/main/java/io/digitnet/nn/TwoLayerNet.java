package io.digitnet.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Affine → activation → Affine → SoftmaxWithLoss, as in the "from scratch" notebook, on ND4J.
 * Not thread-safe: it keeps the forward pass's intermediate values for backward.
 *
 * <p>This is the readable reference: gradient checks run on it (in float64) and the trainer's fast path is tested
 * against it. Training itself goes through the fast path in {@link Trainer}.
 */
public final class TwoLayerNet {

    /** Rows per forward pass when accuracy is computed over a whole data set. */
    static final int EVALUATION_CHUNK = 10_000;

    private final Parameters parameters;
    private final Activation activation;
    private final Affine affine1;
    private final Layer hidden;
    private final Affine affine2;
    private final SoftmaxWithLoss lastLayer = new SoftmaxWithLoss();

    /** Fresh float32 weights with the notebook's {@code std} init and seed 0. */
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, Activation activation) {
        this(Parameters.initialize(inputSize, hiddenSize, outputSize, WeightInit.STD, 0L, DataType.FLOAT), activation);
    }

    /** Uses the given parameters as they are (no copy). */
    public TwoLayerNet(Parameters parameters, Activation activation) {
        NativeThreads.ensureConfigured();
        this.parameters = parameters;
        this.activation = activation;
        this.affine1 = new Affine(parameters.w1(), parameters.b1());
        this.hidden = new ActivationLayer(activation);
        this.affine2 = new Affine(parameters.w2(), parameters.b2());
    }

    public Parameters parameters() {
        return parameters;
    }

    public Activation activation() {
        return activation;
    }

    /** Scores before softmax, shape [n, outputSize]. */
    public INDArray logits(INDArray x) {
        INDArray input = x.dataType() == parameters.dataType() ? x : x.castTo(parameters.dataType());
        return affine2.forward(hidden.forward(affine1.forward(input)));
    }

    /** Row-wise softmax of the logits, shape [n, outputSize]. */
    public INDArray probabilities(INDArray x) {
        return SoftmaxWithLoss.softmax(logits(x));
    }

    /** Mean cross-entropy over the batch. */
    public double loss(INDArray x, int[] labels) {
        return lastLayer.forward(logits(x), labels);
    }

    /** Fraction of rows whose arg-max equals the label; computed in large batches. */
    public double accuracy(INDArray x, int[] labels) {
        int n = labels.length;
        long correct = 0;
        for (int start = 0; start < n; start += EVALUATION_CHUNK) {
            int end = Math.min(n, start + EVALUATION_CHUNK);
            INDArray rows = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            long[] predicted = logits(rows).argMax(1).toLongVector();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == labels[start + i]) {
                    correct++;
                }
            }
        }
        return n == 0 ? 0.0 : (double) correct / n;
    }

    /** Gradients of the mean loss by backpropagation, keyed like {@link Parameters#NAMES}. */
    public Parameters gradients(INDArray x, int[] labels) {
        loss(x, labels);
        INDArray dout = lastLayer.backward();
        dout = affine2.backward(dout);
        dout = hidden.backward(dout);
        affine1.backward(dout);
        return Parameters.of(cOrder(affine1.dW()), affine1.db(), cOrder(affine2.dW()), affine2.db());
    }

    private static INDArray cOrder(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1 ? a : a.dup('c');
    }
}
