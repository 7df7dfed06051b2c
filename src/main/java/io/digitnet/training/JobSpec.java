package io.digitnet.training;

/**
 * What a caller asked for; every field may be null (its default then applies). Whole numbers are longs so that an
 * absurd value is reported as out of range rather than overflowing.
 */
public record JobSpec(String name, String dataset, Long hiddenSize, String activation, String weightInit,
                      String optimizer, Double learningRate, Long batchSize, Long epochs, Long iterations, Long seed,
                      EarlyStoppingSpec earlyStopping, Boolean gradientCheck, String trainMetrics) {

    /** Without trainMetrics (running means). */
    public JobSpec(String name, String dataset, Long hiddenSize, String activation, String weightInit,
                   String optimizer, Double learningRate, Long batchSize, Long epochs, Long iterations, Long seed,
                   EarlyStoppingSpec earlyStopping, Boolean gradientCheck) {
        this(name, dataset, hiddenSize, activation, weightInit, optimizer, learningRate, batchSize, epochs,
                iterations, seed, earlyStopping, gradientCheck, null);
    }

    /** The fields of {@code earlyStopping}; null ones take their defaults. */
    public record EarlyStoppingSpec(Long patience, Double minDelta) {
    }

    /** A spec that asks for nothing: every default. */
    public static JobSpec defaults() {
        return new JobSpec(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
