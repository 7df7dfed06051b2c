package io.digitnet.nn;

/** How weights are drawn before training; biases always start at zero. */
public enum WeightInit {
    /** Gaussian times 0.01, as in the notebook. */
    STD,
    /** Gaussian with standard deviation sqrt(1 / fanIn). */
    XAVIER,
    /** Gaussian with standard deviation sqrt(2 / fanIn). */
    HE
}
