package io.digitnet.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digitnet.nn.EpochStats;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One finished epoch as a job reports it; {@code seconds} is the wall time since the previous epoch's record (since the
 * job started or resumed, for the first): what the user waits between two records, training and evaluation alike.
 * {@code validationLoss} is null unless early stopping holds out a validation part.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
                          @Schema(description = "Wall time since the previous epoch's record (since the job started "
                                  + "or resumed, for the first): the epoch's training plus whatever of the previous "
                                  + "epoch's evaluation it waited for; the evaluations run alongside the training, so "
                                  + "the epochs' seconds add up to the run's time") double seconds,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double validationLoss) {

    public EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds) {
        this(epoch, trainLoss, trainAccuracy, testAccuracy, seconds, null);
    }

    public static EpochRecord of(EpochStats stats) {
        return new EpochRecord(stats.epoch(), stats.trainLoss(), stats.trainAccuracy(), stats.testAccuracy(),
                stats.seconds(), Double.isNaN(stats.validationLoss()) ? null : stats.validationLoss());
    }
}
