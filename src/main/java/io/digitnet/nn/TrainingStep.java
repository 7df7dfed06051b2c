package io.digitnet.nn;

import io.digitnet.nn.optim.Gradient;
import io.digitnet.nn.optim.Optimizer;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch of training on preallocated float32 buffers: the same layers as {@link TwoLayerNet} (Affine →
 * activation → Affine → SoftmaxWithLoss, forward then backward) with the five matrix products in BLAS and the
 * element-wise work in {@link Kernels} and {@link Activation}. The weight gradients are never formed unless the
 * optimizer's rule reads them: dL/dW = (1/n)·aᵀ·δ stays a product, and a rule that adds a multiple of it (SGD) gets
 * one gemm accumulating straight into W (beta = 1). Updates the parameters in place. Not thread-safe.
 */
final class TrainingStep {

    private final FastForward net;
    private final Activation activation;
    private final int inputSize;
    private final int hiddenSize;
    private final int outputSize;
    private final Parameters parameters;
    private final Optimizer optimizer;
    private final Map<String, Gradient> gradients; // by parameter name, bound to the parameters

    private final INDArray trainX;     // [n, in] the training set, kept alive for the view below
    private final FloatBuffer data;    // trainX's memory, read in place
    private final int[] dataLabels;    // [n]
    private final Block x;             // [batch, in]     the gathered rows
    private final Block a1;            // [batch, hidden] a1 = f(x·W1 + b1)
    private final Block delta2;        // [batch, out]    z2 = a1·W2, then n·dL/dz2 = y − t
    private final Block delta1;        // [batch, hidden] n·dL/da1 = (y − t)·W2ᵀ, then n·dL/dz1
    private final int[] labels;        // [batch] labels of the gathered rows
    private final int[] predicted;     // [batch] arg-max of the forward pass, for the running accuracy
    private final float[] db1;         // [hidden] column sums of n·dL/dz1
    private final float[] db2;         // [out]    column sums of y − t
    private int rows;                  // of the current batch
    private int correct;               // of the current batch

    TrainingStep(Parameters parameters, Activation activation, Optimizer optimizer, LabeledData train, int batchSize) {
        this.net = new FastForward(parameters, activation);
        this.activation = activation;
        this.inputSize = parameters.inputSize();
        this.hiddenSize = parameters.hiddenSize();
        this.outputSize = parameters.outputSize();
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.trainX = train.x();
        this.data = NativeArrays.floats(trainX);
        this.dataLabels = train.labels();
        this.x = new Block(batchSize, inputSize);
        this.a1 = new Block(batchSize, hiddenSize);
        this.delta2 = new Block(batchSize, outputSize);
        this.delta1 = new Block(batchSize, hiddenSize);
        this.labels = new int[batchSize];
        this.predicted = new int[batchSize];
        this.db1 = new float[hiddenSize];
        this.db2 = new float[outputSize];
        this.gradients = new LinkedHashMap<>();
        gradients.put("W1", new WeightGradient(x, delta1, inputSize, hiddenSize, net.w1()));
        gradients.put("b1", new BiasGradient(db1, net.b1()));
        gradients.put("W2", new WeightGradient(a1, delta2, hiddenSize, outputSize, net.w2()));
        gradients.put("b2", new BiasGradient(db2, net.b2()));
    }

    /**
     * Trains on the rows order[from], ..., order[from + rows − 1] (rows ≤ batch size) and returns their mean loss,
     * computed before the update ({@link #correct()} then says how many of them the forward pass classified right).
     */
    double run(int[] order, int from, int rows) {
        this.rows = rows;
        gather(order, from, rows);
        // forward: Affine1 and the activation, Affine2 (its bias is added by the softmax kernel), SoftmaxWithLoss
        net.hidden(x.pointer, rows, a1.pointer, a1.view, a1);
        net.scores(a1.pointer, rows, delta2.pointer);
        double loss = Kernels.softmaxWithLoss(delta2.view, net.b2(), rows, outputSize, labels, db2, predicted);
        correct = countEqual(predicted, labels, rows);
        // backward through Affine2 (n·dL/da1 = (y − t)·W2ᵀ, taken before W2 changes), then the activation
        Blas.gemm(false, true, rows, hiddenSize, outputSize, 1f, delta2.pointer, net.w2(), 0f, delta1.pointer);
        activation.backward(delta1.view, a1.view, rows, hiddenSize, db1);
        optimizer.update(parameters, gradients);
        return loss / rows;
    }

    /** Rows of the last batch whose arg-max equals the label. */
    int correct() {
        return correct;
    }

    private void gather(int[] order, int from, int rows) {
        Kernels.gatherRows(data, order, from, rows, inputSize, x.view);
        for (int r = 0; r < rows; r++) {
            labels[r] = dataLabels[order[from + r]];
        }
    }

    private static int countEqual(int[] a, int[] b, int n) {
        int equal = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return equal;
    }

    /** dL/dW = (1/n)·aᵀ·δ for a [n, p] inputs and δ [n, q] (the stored n·dL/dz): a product formed only on demand. */
    private final class WeightGradient implements Gradient {
        private final Block input;
        private final Block delta;
        private final int p;
        private final int q;
        private final FloatPointer weights; // [p, q]
        private Block values;               // [p, q], on first use

        WeightGradient(Block input, Block delta, int p, int q, FloatPointer weights) {
            this.input = input;
            this.delta = delta;
            this.p = p;
            this.q = q;
            this.weights = weights;
        }

        @Override
        public void addToParameter(float alpha) {
            Blas.gemm(true, false, p, q, rows, alpha / rows, input.pointer, delta.pointer, 1f, weights);
        }

        @Override
        public FloatBuffer values() {
            if (values == null) {
                values = new Block(p, q);
            }
            Blas.gemm(true, false, p, q, rows, 1f / rows, input.pointer, delta.pointer, 0f, values.pointer);
            return values.view;
        }
    }

    /** dL/db = (1/n)·Σ over rows of δ, from the column sums the kernels leave behind. */
    private final class BiasGradient implements Gradient {
        private final float[] columnSums;
        private final FloatBuffer bias;
        private final FloatBuffer values;

        BiasGradient(float[] columnSums, FloatBuffer bias) {
            this.columnSums = columnSums;
            this.bias = bias;
            this.values = FloatBuffer.allocate(columnSums.length);
        }

        @Override
        public void addToParameter(float alpha) {
            Kernels.addScaled(bias, alpha / rows, columnSums, columnSums.length);
        }

        @Override
        public FloatBuffer values() {
            float scale = 1f / rows;
            for (int j = 0; j < columnSums.length; j++) {
                values.put(j, columnSums[j] * scale);
            }
            return values;
        }
    }
}
