package io.digitnet.nn.optim;

import io.digitnet.nn.NativeArrays;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient g of the mean loss for one parameter array θ, bound to that array, as whoever computed it holds it:
 * possibly as a product not formed yet. An update rule either adds a multiple of g to θ ({@link #addToParameter},
 * which the training step turns into one matrix product accumulated straight into θ) or reads g's values.
 */
public interface Gradient {

    /** θ ← θ + alpha·g. */
    void addToParameter(float alpha);

    /** g's entries, row-major, as many as θ has; valid until the parameters change or the next mini-batch. */
    FloatBuffer values();

    /** A gradient held as an array, for θ of the same shape (both float32, contiguous c-order). */
    static Gradient of(INDArray parameter, INDArray gradient) {
        FloatBuffer theta = NativeArrays.floats(parameter);
        FloatBuffer g = NativeArrays.floats(gradient);
        int n = (int) parameter.length();
        if (gradient.length() != n) {
            throw new IllegalArgumentException("gradient has " + gradient.length() + " entries, parameter " + n);
        }
        return new Gradient() {
            @Override
            public void addToParameter(float alpha) {
                for (int i = 0; i < n; i++) {
                    theta.put(i, theta.get(i) + alpha * g.get(i));
                }
            }

            @Override
            public FloatBuffer values() {
                return g;
            }

            // the buffers are views: holding the arrays keeps their memory alive as long as this gradient
            private final INDArray[] owners = {parameter, gradient};
        };
    }
}
