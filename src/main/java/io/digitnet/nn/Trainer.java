package io.digitnet.nn;

import java.util.function.BooleanSupplier;

/**
 * Mini-batch training: epochs of shuffled batches (a permutation seeded by the run's seed and the epoch number, every
 * sample once per epoch) or a fixed number of iterations; per-epoch train loss/accuracy and test accuracy.
 *
 * <p>CONTRACT (skeleton): the nn implementation fills in the bodies; the signatures are relied on by other packages.
 */
public final class Trainer {

    /**
     * @param validation held-out data for early stopping, or null
     */
    public Trainer(TrainerConfig config, LabeledData train, LabeledData validation, LabeledData test) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Iterations per epoch: ceil(train size / batch size). */
    public int iterationsPerEpoch() { throw new UnsupportedOperationException("skeleton"); }

    /** Total iterations of the run (fewer if early stopping ends it). */
    public long totalIterations() { throw new UnsupportedOperationException("skeleton"); }

    /** Runs from fresh weights. {@code cancelled} is polled between iterations. */
    public TrainingResult train(TrainingListener listener, BooleanSupplier cancelled) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Continues a run from a checkpoint taken by the same configuration. */
    public TrainingResult resume(Checkpoint checkpoint, TrainingListener listener, BooleanSupplier cancelled) {
        throw new UnsupportedOperationException("skeleton");
    }
}
