package io.digitnet.nn;

/**
 * What one finished epoch measured. {@code trainLoss} and {@code trainAccuracy} are running means over its batches
 * or a full pass at its end ({@link TrainMetrics}); {@code validationLoss} is NaN when no validation set is used.
 * {@code seconds} is the wall time of the epoch's training iterations plus its evaluation.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
                         double validationLoss, double seconds) {
}
