package io.digitnet.nn;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures a finished epoch's weights on a thread of its own while the next epoch trains, and records the epoch once
 * that is done: the test accuracy (and under {@link TrainMetrics#FULL} the train loss and accuracy) of the epoch's
 * snapshot, so that the training thread never waits for those passes. At most one epoch is pending.
 *
 * <p>Recording (the {@link EpochStats}, the history, {@link TrainingListener#onEpoch}) happens on the training thread,
 * in the calls {@link #recordIfDone()} and {@link #awaitAndRecord()}: listeners are not thread-safe. An epoch's
 * {@code seconds} is the wall time since the previous record (this evaluator's creation for the first): what the user
 * waits between two epoch records.
 *
 * <p>One daemon thread per run; {@link #close()} it in a finally.
 */
final class EpochEvaluator implements AutoCloseable {

    /** What the evaluator thread measured of a snapshot. */
    private record Measured(Evaluation.Result onTrain, double testAccuracy) {
    }

    /** An epoch whose measurement may still run: its snapshot has the history without it. */
    private record PendingEpoch(int epoch, Evaluation.Result runningTrain, double validationLoss, Checkpoint snapshot,
                                Future<Measured> measured) {
    }

    private final Activation activation;
    private final LabeledData test;
    private final LabeledData fullTrain; // null unless the train metrics are a full pass
    private final List<EpochStats> history;
    private final TrainingListener listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "digitnet-epoch-evaluator");
        t.setDaemon(true);
        return t;
    });
    private PendingEpoch pending;
    private long lastRecordNanos = System.nanoTime();

    /**
     * @param fullTrain the training set when {@link TrainMetrics#FULL} measures it, else null
     * @param history   the run's history, appended to on every record
     */
    EpochEvaluator(Activation activation, LabeledData test, LabeledData fullTrain, List<EpochStats> history,
                   TrainingListener listener) {
        this.activation = activation;
        this.test = test;
        this.fullTrain = fullTrain;
        this.history = history;
        this.listener = listener;
    }

    /**
     * Starts measuring a finished epoch. The previous one must be recorded first ({@link #awaitAndRecord()}), so that
     * {@code snapshot}'s history holds every epoch before this one.
     *
     * @param runningTrain the running means over the epoch's batches; replaced by a full pass when one is measured
     */
    void submit(int epoch, Evaluation.Result runningTrain, double validationLoss, Checkpoint snapshot) {
        if (pending != null) {
            throw new IllegalStateException("epoch " + pending.epoch() + " is not recorded yet");
        }
        // an Evaluation of its own: it holds buffers and serves one thread; the snapshot's weights are not trained on
        Future<Measured> measured = thread.submit(() -> {
            Evaluation evaluation = new Evaluation(new FastForward(snapshot.parameters(), activation));
            Evaluation.Result onTrain = fullTrain == null ? null : evaluation.evaluate(fullTrain);
            return new Measured(onTrain, evaluation.evaluate(test).accuracy());
        });
        pending = new PendingEpoch(epoch, runningTrain, validationLoss, snapshot, measured);
    }

    /** Records the pending epoch if its measurement is done; never waits. */
    void recordIfDone() {
        if (pending != null && pending.measured().isDone()) {
            awaitAndRecord();
        }
    }

    /**
     * Waits for the pending epoch's measurement, if any, and records it. A failure of the measurement is thrown here,
     * as it was thrown there.
     */
    void awaitAndRecord() {
        if (pending == null) {
            return;
        }
        PendingEpoch epoch = pending;
        pending = null;
        Measured measured = await(epoch.measured());
        Evaluation.Result onTrain = measured.onTrain() == null ? epoch.runningTrain() : measured.onTrain();
        long now = System.nanoTime();
        EpochStats stats = new EpochStats(epoch.epoch(), onTrain.loss(), onTrain.accuracy(), measured.testAccuracy(),
                epoch.validationLoss(), (now - lastRecordNanos) / 1e9);
        lastRecordNanos = now;
        history.add(stats);
        listener.onEpoch(stats, epoch.snapshot().withHistory(history));
    }

    /** The measurement's result; its exception unwrapped (Errors stay Errors). Waits through interrupts. */
    private static Measured await(Future<Measured> measured) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return measured.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the measurement is short: finish it, keep the flag for the caller
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("evaluating an epoch failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the thread, after a measurement still running (it reads the run's data). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
