package io.digitnet.nn;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The complete state of a run at an epoch boundary: resuming from it gives the same weights, bit for bit,
 * as a run that was never interrupted.
 *
 * @param completedEpochs epochs finished so far
 * @param iteration       iterations done so far
 * @param parameters      current weights
 * @param optimizerState  the optimizer's own arrays (momentum velocities, Adam moments; empty for SGD), by name
 * @param optimizerStep   the optimizer's step counter (Adam's t)
 * @param best            the best weights so far under early stopping, or null
 * @param bestLoss        the validation loss of {@code best}, or NaN
 * @param epochsWithoutImprovement early-stopping counter
 * @param history         stats of every completed epoch
 */
public record Checkpoint(int completedEpochs, long iteration, Parameters parameters,
                         Map<String, INDArray> optimizerState, long optimizerStep,
                         Parameters best, double bestLoss, int epochsWithoutImprovement,
                         List<EpochStats> history) {

    /** The same state with another history (a copy of it). */
    public Checkpoint withHistory(List<EpochStats> history) {
        return new Checkpoint(completedEpochs, iteration, parameters, optimizerState, optimizerStep, best, bestLoss,
                epochsWithoutImprovement, List.copyOf(history));
    }
}
