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
 * @param sweepId          the sweep this job is a trial of, null for a job submitted on its own
 * @param warnings         why the result should not be trusted (a SUCCEEDED run no better than chance)
 */
public record JobSnapshot(String id, String name, JobStatus status, JobConfig config, Instant createdAt,
                          Instant startedAt, Instant finishedAt, int epoch, int epochs, long iteration,
                          long iterations, double progress, Double loss, Double etaSeconds,
                          List<EpochRecord> history, String modelId, String error, Double gradientCheckError,
                          Integer resumedFromEpoch, String instance, boolean cancelRequested, long version,
                          String sweepId, List<String> warnings) {

    public JobSnapshot {
        history = List.copyOf(history);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A job that is no sweep's trial. */
    public JobSnapshot(String id, String name, JobStatus status, JobConfig config, Instant createdAt,
                       Instant startedAt, Instant finishedAt, int epoch, int epochs, long iteration,
                       long iterations, double progress, Double loss, Double etaSeconds,
                       List<EpochRecord> history, String modelId, String error, Double gradientCheckError,
                       Integer resumedFromEpoch, String instance, boolean cancelRequested, long version) {
        this(id, name, status, config, createdAt, startedAt, finishedAt, epoch, epochs, iteration, iterations,
                progress, loss, etaSeconds, history, modelId, error, gradientCheckError, resumedFromEpoch,
                instance, cancelRequested, version, null, List.of());
    }

    /** Training samples processed so far. */
    public long samples() {
        return config.samplesAfter(iteration);
    }
}
