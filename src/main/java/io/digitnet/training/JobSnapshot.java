package io.digitnet.training;

import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of a {@link TrainingJob} at one moment: what events carry, what is persisted and what the API
 * shows. Snapshots are numbered by {@code version} in the order they are taken, so that a writer can drop one older
 * than one it has already written.
 *
 * @param epoch            the epoch in progress (or last completed), 1-based; 0 before training
 * @param iteration        iterations done so far over the whole run
 * @param loss             the loss of the latest iteration, null before the first
 * @param etaSeconds       estimated seconds to the end, null when unknown
 * @param resumedFromEpoch the completed epochs a resumed run started from, null for a run never interrupted
 * @param instance         the instance running the job, or the one that ran it last; null before it started
 */
public record JobSnapshot(String id, String name, JobStatus status, JobConfig config, Instant createdAt,
                          Instant startedAt, Instant finishedAt, int epoch, int epochs, long iteration,
                          long iterations, double progress, Double loss, Double etaSeconds,
                          List<EpochRecord> history, String modelId, String error, Double gradientCheckError,
                          Integer resumedFromEpoch, String instance, boolean cancelRequested, long version) {

    public JobSnapshot {
        history = List.copyOf(history);
    }

    /** Training samples processed so far. */
    public long samples() {
        return config.samplesAfter(iteration);
    }
}
