package io.digitnet.nn;

import io.digitnet.nn.optim.Optimizer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** The mutable state of a {@link Trainer} run between epochs: what a {@link Checkpoint} captures. */
final class TrainingProgress {

    final Parameters parameters; // float32, updated in place by the training step
    final Optimizer optimizer;
    int completedEpochs;
    long iteration;
    Parameters best;             // the best weights under early stopping, or null
    double bestLoss;
    int epochsWithoutImprovement;
    final List<EpochStats> history;

    TrainingProgress(Parameters parameters, Optimizer optimizer, int completedEpochs, long iteration, Parameters best,
                     double bestLoss, int epochsWithoutImprovement, List<EpochStats> history) {
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.completedEpochs = completedEpochs;
        this.iteration = iteration;
        this.best = best;
        this.bestLoss = bestLoss;
        this.epochsWithoutImprovement = epochsWithoutImprovement;
        this.history = history;
    }

    /**
     * Early stopping's bookkeeping after an epoch: keeps a copy of the weights when the validation loss improved by
     * more than minDelta; returns true when it has not for {@code patience} epochs.
     */
    boolean recordValidationLoss(double validationLoss, EarlyStopping rule) {
        if (best == null || validationLoss < bestLoss - rule.minDelta()) {
            best = parameters.copy(DataType.FLOAT);
            bestLoss = validationLoss;
            epochsWithoutImprovement = 0;
            return false;
        }
        epochsWithoutImprovement++;
        return epochsWithoutImprovement >= rule.patience();
    }

    /** A snapshot: copies of the weights and the optimizer's state. */
    Checkpoint checkpoint() {
        return new Checkpoint(completedEpochs, iteration, parameters.copy(DataType.FLOAT), optimizer.state(),
                optimizer.step(), best == null ? null : best.copy(DataType.FLOAT), bestLoss, epochsWithoutImprovement,
                List.copyOf(history));
    }
}
