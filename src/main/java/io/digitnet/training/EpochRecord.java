package io.digitnet.training;

import io.digitnet.nn.EpochStats;

/** One finished epoch as a job reports it; {@code seconds} is its wall time including evaluation. */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds) {

    public static EpochRecord of(EpochStats stats) {
        return new EpochRecord(stats.epoch(), stats.trainLoss(), stats.trainAccuracy(), stats.testAccuracy(),
                stats.seconds());
    }
}
