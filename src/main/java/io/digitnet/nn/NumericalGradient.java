package io.digitnet.nn;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients by central differences, (f(x + h) − f(x − h)) / 2h with h = 1e−4, one entry at a time, as the notebook's
 * {@code numerical_gradient}. Slow by design: it is the independent check of backpropagation. Use float64.
 */
public final class NumericalGradient {

    public static final double H = 1e-4;

    private NumericalGradient() {
    }

    /**
     * d f / d x for every entry of {@code x}; {@code f} must read {@code x} (which is perturbed in place and
     * restored). Returns a float64 array of x's shape.
     */
    public static INDArray of(DoubleSupplier f, INDArray x) {
        INDArray flat = x.reshape(x.length()); // a view: writes reach x
        INDArray grad = Nd4j.create(DataType.DOUBLE, flat.length());
        for (long i = 0; i < flat.length(); i++) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + H);
            double plus = f.getAsDouble();
            flat.putScalar(i, original - H);
            double minus = f.getAsDouble();
            flat.putScalar(i, original);
            grad.putScalar(i, (plus - minus) / (2 * H));
        }
        return grad.reshape(x.shape());
    }

    /** The gradient of the net's mean loss (the notebook's, with the 1e−7) over every parameter. */
    public static Parameters of(TwoLayerNet net, INDArray x, int[] labels) {
        return of(() -> net.loss(x, labels), net.parameters());
    }

    /** d f / d p for every array of {@code p}, which {@code f} must read. */
    public static Parameters of(DoubleSupplier f, Parameters p) {
        return Parameters.of(of(f, p.w1()), of(f, p.b1()), of(f, p.w2()), of(f, p.b2()));
    }
}
