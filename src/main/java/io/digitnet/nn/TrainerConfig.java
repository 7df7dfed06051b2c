package io.digitnet.nn;

/**
 * Everything that determines a training run. Exactly one of {@code epochs} and {@code iterations} is positive;
 * the other is 0. {@code earlyStopping} may be null.
 */
public record TrainerConfig(
        int hiddenSize,
        Activation activation,
        WeightInit weightInit,
        OptimizerType optimizer,
        double learningRate,
        int batchSize,
        int epochs,
        int iterations,
        long seed,
        EarlyStopping earlyStopping) {
}
