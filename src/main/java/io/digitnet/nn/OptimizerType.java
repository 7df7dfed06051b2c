package io.digitnet.nn;

/** The update rule applied to the parameters after each mini-batch. */
public enum OptimizerType {
    SGD,
    MOMENTUM,
    ADAM
}
