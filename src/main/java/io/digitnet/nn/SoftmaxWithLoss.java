package io.digitnet.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Row-wise softmax followed by the cross-entropy −Σ t·log(y + 1e−7), averaged over the batch; labels are class
 * indices. Its backward is (y − t) / batch, the gradient of the averaged loss with respect to the scores.
 */
public final class SoftmaxWithLoss {

    /** Keeps log finite when a probability underflows to 0. */
    public static final double EPSILON = 1e-7;

    private INDArray y;   // [batch, classes] probabilities
    private int[] labels; // [batch]

    /** Mean cross-entropy of the scores [batch, classes] against the labels. */
    public double forward(INDArray scores, int[] labels) {
        if (labels.length != scores.size(0)) {
            throw new IllegalArgumentException(labels.length + " labels for " + scores.size(0) + " rows");
        }
        this.labels = labels;
        this.y = softmax(scores);
        return crossEntropy(y, labels);
    }

    /** dL/d(scores) = (y − t) / batch; {@code dout} of the loss is 1. */
    public INDArray backward() {
        INDArray dx = y.dup();
        for (int i = 0; i < labels.length; i++) {
            dx.putScalar(i, labels[i], dx.getDouble(i, labels[i]) - 1.0);
        }
        return dx.divi(labels.length);
    }

    /** Row-wise softmax; the row maximum is subtracted first so that large scores do not overflow. */
    public static INDArray softmax(INDArray scores) {
        INDArray shifted = scores.subColumnVector(scores.max(1).reshape(scores.size(0), 1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(1).reshape(scores.size(0), 1));
    }

    /** −Σ log(y[i, t_i] + 1e−7) / batch. */
    public static double crossEntropy(INDArray probabilities, int[] labels) {
        return crossEntropy(probabilities, labels, EPSILON);
    }

    /** −Σ log(y[i, t_i] + epsilon) / batch; epsilon 0 gives the loss whose exact gradient backward computes. */
    public static double crossEntropy(INDArray probabilities, int[] labels, double epsilon) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum += Math.log(probabilities.getDouble(i, labels[i]) + epsilon);
        }
        return -sum / labels.length;
    }

    /** One-hot rows [labels.length, classes] in the given type (for tests and the notebook's formula). */
    public static INDArray oneHot(int[] labels, int classes, org.nd4j.linalg.api.buffer.DataType dataType) {
        INDArray t = Nd4j.zeros(dataType, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            t.putScalar(i, labels[i], 1.0);
        }
        return t;
    }
}
