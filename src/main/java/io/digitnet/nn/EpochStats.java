package io.digitnet.nn;

/**
 * What one finished epoch measured. {@code trainLoss} and {@code trainAccuracy} are running means over its batches
 * or a full pass at its end ({@link TrainMetrics}); {@code validationLoss} is NaN when no validation set is used.
 * {@code seconds} is the wall time since the previous epoch was reported (since the run or its resumption started, for
 * the first): what the user waits between two epochs. The epoch's test pass runs while the next epoch trains, so the
 * seconds of all epochs add up to the run's time.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
                         double validationLoss, double seconds) {
}
