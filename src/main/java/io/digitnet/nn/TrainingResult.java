package io.digitnet.nn;

import java.util.List;

/**
 * The outcome of a finished run: the final weights (the best ones under early stopping), the history, whether early
 * stopping ended it, and what the returned weights measure: their test accuracy (exact), and the train loss and
 * accuracy of the epoch that produced them as the run measured them ({@link TrainMetrics}; a full pass when the
 * weights are early stopping's best).
 */
public record TrainingResult(Parameters parameters, List<EpochStats> history, long iterations,
                             boolean stoppedEarly, double testAccuracy, double trainLoss, double trainAccuracy) {
}
