package io.digitnet.nn;

import java.util.List;

/**
 * The outcome of a finished run: the final weights (the best ones under early stopping), the history,
 * and whether early stopping ended it.
 */
public record TrainingResult(Parameters parameters, List<EpochStats> history, long iterations,
                             boolean stoppedEarly) {
}
