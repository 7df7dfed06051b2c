package io.digitnet.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digitnet.nn.EpochStats;

/**
 * One finished epoch as a job reports it; {@code seconds} is its wall time including evaluation.
 * {@code validationLoss} is null unless early stopping holds out a validation part.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double validationLoss) {

    public EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds) {
        this(epoch, trainLoss, trainAccuracy, testAccuracy, seconds, null);
    }

    public static EpochRecord of(EpochStats stats) {
        return new EpochRecord(stats.epoch(), stats.trainLoss(), stats.trainAccuracy(), stats.testAccuracy(),
                stats.seconds(), Double.isNaN(stats.validationLoss()) ? null : stats.validationLoss());
    }
}
