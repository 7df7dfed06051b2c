package io.digitnet.nn;

/**
 * Everything that determines a training run. Exactly one of {@code epochs} and {@code iterations} is positive;
 * the other is 0. {@code earlyStopping} may be null; a null {@code trainMetrics} means {@link TrainMetrics#RUNNING}.
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
        EarlyStopping earlyStopping,
        TrainMetrics trainMetrics) {

    public TrainerConfig {
        trainMetrics = trainMetrics == null ? TrainMetrics.RUNNING : trainMetrics;
    }

    /** With running train metrics. */
    public TrainerConfig(int hiddenSize, Activation activation, WeightInit weightInit, OptimizerType optimizer,
                         double learningRate, int batchSize, int epochs, int iterations, long seed,
                         EarlyStopping earlyStopping) {
        this(hiddenSize, activation, weightInit, optimizer, learningRate, batchSize, epochs, iterations, seed,
                earlyStopping, TrainMetrics.RUNNING);
    }
}
