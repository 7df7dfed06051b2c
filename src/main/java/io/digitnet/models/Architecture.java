package io.digitnet.models;

/** The shape of a stored two-layer network; {@code activation} is "sigmoid" or "relu". */
public record Architecture(int inputSize, int hiddenSize, int outputSize, String activation) {
}
