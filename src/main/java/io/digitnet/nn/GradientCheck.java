package io.digitnet.nn;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Compares backpropagation with numerical gradients (central differences, h = 1e-4) over every parameter. */
public final class GradientCheck {

    /** Below this, both gradients count as zero: the relative error of two near-zero values says nothing. */
    static final double FLOOR = 1e-12;

    private GradientCheck() {
    }

    /**
     * The maximum over all parameter entries of |numerical − backprop| / max(|numerical| + |backprop|, 1e-12).
     * The net and data are converted to float64 first; the given net is not changed.
     *
     * <p>The numerical side differentiates the cross-entropy without the 1e−7 inside the log: backprop's
     * (y − t)/n is the exact gradient of that loss, while the guarded loss differs from it by a relative 1e−7/y,
     * which with a few small probabilities alone exceeds 1e−6 and would hide what the check is for.
     */
    public static double maxRelativeError(TwoLayerNet net, LabeledData batch) {
        TwoLayerNet net64 = new TwoLayerNet(net.parameters().copy(DataType.DOUBLE), net.activation());
        INDArray x = batch.x().castTo(DataType.DOUBLE);
        int[] labels = batch.labels();
        Map<String, INDArray> backprop = net64.gradients(x, labels).asMap();
        Map<String, INDArray> numerical = NumericalGradient.of(
                () -> SoftmaxWithLoss.crossEntropy(net64.probabilities(x), labels, 0.0), net64.parameters()).asMap();
        double max = 0;
        for (String name : Parameters.NAMES) {
            max = Math.max(max, maxRelativeError(numerical.get(name), backprop.get(name)));
        }
        return max;
    }

    /** max over entries of |a − b| / max(|a| + |b|, 1e-12), in float64. */
    public static double maxRelativeError(INDArray a, INDArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("shapes differ: " + java.util.Arrays.toString(a.shape())
                    + " vs " + java.util.Arrays.toString(b.shape()));
        }
        double[] x = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            double error = Math.abs(x[i] - y[i]) / Math.max(Math.abs(x[i]) + Math.abs(y[i]), FLOOR);
            max = Math.max(max, error);
        }
        return max;
    }
}
