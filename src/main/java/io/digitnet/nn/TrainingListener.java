package io.digitnet.nn;

/** Receives progress from a {@link Trainer}, on the training thread. Keep the callbacks cheap. */
public interface TrainingListener {

    /** After every iteration; {@code iteration} counts from 1 over the whole run. */
    default void onIteration(int epoch, long iteration, long totalIterations, double loss) {
    }

    /** After every completed epoch, with a checkpoint from which the run can resume exactly. */
    default void onEpoch(EpochStats stats, Checkpoint checkpoint) {
    }
}
