package io.digitnet.models;

import io.digitnet.nn.Activation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of a stored two-layer network. In model.json {@code activation} is its lower-case name ("sigmoid",
 * "relu"), as earlier versions wrote it.
 */
public record Architecture(@Schema(example = "784") int inputSize, @Schema(example = "100") int hiddenSize,
                           @Schema(example = "10") int outputSize, Activation activation) {
}
