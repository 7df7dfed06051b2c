package io.digitnet.nn;

import io.digitnet.nn.optim.Optimizer;
import io.digitnet.nn.optim.Sgd;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch of training on preallocated float32 buffers: the same layers as {@link TwoLayerNet} (Affine →
 * activation → Affine → SoftmaxWithLoss, forward then backward) with the five matrix products in BLAS and the
 * element-wise work in {@link Kernels}. Plain SGD is folded into the weight-gradient products
 * (W ← W − (lr/n)·aᵀ·δ in one gemm with beta = 1), so dW is never materialised; other optimizers get the gradients
 * of the mean loss and apply their own rule. Updates the parameters in place. Not thread-safe.
 */
final class TrainingStep {

    private final FastForward net;
    private final Activation activation;
    private final int inputSize;
    private final int hiddenSize;
    private final int outputSize;
    private final Parameters parameters;
    private final Optimizer optimizer;
    private final float sgdRate; // > 0 when the SGD update is folded into the products

    private final INDArray trainX;     // [n, in] the training set, kept alive for the view below
    private final FloatBuffer data;    // trainX's memory, read in place
    private final int[] dataLabels;    // [n]
    private final Block x;             // [batch, in]     the gathered rows
    private final Block a1;            // [batch, hidden] a1 = act(x·W1 + b1)
    private final Block delta2;        // [batch, out]    z2 = a1·W2, then n·dL/dz2 = y − t
    private final Block delta1;        // [batch, hidden] n·dL/da1 = (y − t)·W2ᵀ, then n·dL/dz1
    private final Parameters gradients; // dL/dW1, db1, dW2, db2 of the mean loss, for optimizers other than SGD
    private final FloatPointer dW1;    // into gradients, null under SGD
    private final FloatPointer dW2;
    private final int[] labels;        // [batch] labels of the gathered rows
    private final float[] db1;         // [hidden] column sums of n·dL/dz1
    private final float[] db2;         // [out]    column sums of y − t

    TrainingStep(Parameters parameters, Activation activation, Optimizer optimizer, LabeledData train, int batchSize) {
        this.net = new FastForward(parameters, activation);
        this.activation = activation;
        this.inputSize = parameters.inputSize();
        this.hiddenSize = parameters.hiddenSize();
        this.outputSize = parameters.outputSize();
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.sgdRate = optimizer instanceof Sgd ? (float) optimizer.learningRate() : 0f;
        this.trainX = train.x();
        this.data = NativeArrays.floats(trainX);
        this.dataLabels = train.labels();
        this.x = new Block(batchSize, inputSize);
        this.a1 = new Block(batchSize, hiddenSize);
        this.delta2 = new Block(batchSize, outputSize);
        this.delta1 = new Block(batchSize, hiddenSize);
        this.gradients = sgdRate > 0 ? null : Parameters.zeros(inputSize, hiddenSize, outputSize, DataType.FLOAT);
        this.dW1 = gradients == null ? null : NativeArrays.pointer(gradients.w1());
        this.dW2 = gradients == null ? null : NativeArrays.pointer(gradients.w2());
        this.labels = new int[batchSize];
        this.db1 = new float[hiddenSize];
        this.db2 = new float[outputSize];
    }

    /**
     * Trains on the rows order[from], ..., order[from + rows − 1] (rows ≤ batch size) and returns their mean loss,
     * computed before the update.
     */
    double run(int[] order, int from, int rows) {
        gather(order, from, rows);
        // forward: Affine1 and the activation, Affine2 (its bias is added by the softmax kernel), SoftmaxWithLoss
        net.hidden(x.pointer, rows, a1.pointer, a1.view, a1);
        net.scores(a1.pointer, rows, delta2.pointer);
        double loss = Kernels.softmaxWithLoss(delta2.view, net.b2(), rows, outputSize, labels, db2);
        // backward through Affine2 (n·dL/da1 = (y − t)·W2ᵀ, taken before W2 changes), then the activation
        Blas.gemm(false, true, rows, hiddenSize, outputSize, 1f, delta2.pointer, net.w2(), 0f, delta1.pointer);
        Kernels.activationBackward(activation, delta1.view, a1.view, rows, hiddenSize, db1);
        if (sgdRate > 0) {
            descend(rows);
        } else {
            computeGradients(rows);
            optimizer.update(parameters, gradients);
        }
        return loss / rows;
    }

    private void gather(int[] order, int from, int rows) {
        Kernels.gatherRows(data, order, from, rows, inputSize, x.view);
        for (int r = 0; r < rows; r++) {
            labels[r] = dataLabels[order[from + r]];
        }
    }

    /** SGD folded into the products: W2 ← W2 − (lr/n)·a1ᵀ(y − t), W1 ← W1 − (lr/n)·xᵀ·δ1, biases likewise. */
    private void descend(int rows) {
        float step = -sgdRate / rows;
        Blas.gemm(true, false, hiddenSize, outputSize, rows, step, a1.pointer, delta2.pointer, 1f, net.w2());
        Blas.gemm(true, false, inputSize, hiddenSize, rows, step, x.pointer, delta1.pointer, 1f, net.w1());
        Kernels.addScaled(net.b2(), step, db2, outputSize);
        Kernels.addScaled(net.b1(), step, db1, hiddenSize);
        ((Sgd) optimizer).countStep();
    }

    /** The gradients of the mean loss, for optimizers with their own update rule. */
    private void computeGradients(int rows) {
        float scale = 1f / rows;
        Blas.gemm(true, false, hiddenSize, outputSize, rows, scale, a1.pointer, delta2.pointer, 0f, dW2);
        Blas.gemm(true, false, inputSize, hiddenSize, rows, scale, x.pointer, delta1.pointer, 0f, dW1);
        scaleInto(NativeArrays.floats(gradients.b2()), db2, scale, outputSize);
        scaleInto(NativeArrays.floats(gradients.b1()), db1, scale, hiddenSize);
    }

    private static void scaleInto(FloatBuffer dst, float[] src, float scale, int n) {
        for (int j = 0; j < n; j++) {
            dst.put(j, src[j] * scale);
        }
    }
}
