package io.digitnet.nn;

/** The hidden layer's activation function. */
public enum Activation {
    SIGMOID,
    RELU
}
