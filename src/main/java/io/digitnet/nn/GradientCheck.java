package io.digitnet.nn;

/**
 * Compares backpropagation with numerical gradients (central differences, h = 1e-4) over every parameter.
 *
 * <p>CONTRACT (skeleton): the nn implementation fills in the bodies; the signatures are relied on by other packages.
 */
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * The maximum over all parameter entries of |numerical − backprop| / max(|numerical| + |backprop|, 1e-12)
     * (the implementation documents its exact formula). The net and data are converted to float64 first.
     */
    public static double maxRelativeError(TwoLayerNet net, LabeledData batch) {
        throw new UnsupportedOperationException("skeleton");
    }
}
