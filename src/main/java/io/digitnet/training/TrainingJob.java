package io.digitnet.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The training job aggregate: guards its own status transitions (an illegal one throws) and returns an event for
 * every change worth telling. QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED; RUNNING → QUEUED when a shutdown or
 * crash interrupts it (it resumes from its checkpoint); QUEUED → CANCELLED | FAILED.
 *
 * <p>Thread-safe: the worker updates it while request threads read snapshots and ask for cancellation.
 */
public final class TrainingJob {

    private final String id;
    private final String name;
    private final JobConfig config;
    private final Instant createdAt;
    private final String sweepId;

    private JobStatus status;
    private Instant startedAt;
    private Instant finishedAt;
    private int epoch;
    private long iteration;
    private double progress;
    private Double loss;
    private Double etaSeconds;
    private final List<EpochRecord> history = new ArrayList<>();
    private String modelId;
    private String error;
    private List<String> warnings = List.of();
    private Double gradientCheckError;
    private Integer resumedFromEpoch;
    private String instance;
    private long version;
    /** Polled by the trainer between iterations, hence volatile rather than guarded by the lock. */
    private volatile boolean cancelRequested;

    private TrainingJob(String id, String name, JobConfig config, Instant createdAt, String sweepId) {
        this.id = Objects.requireNonNull(id);
        this.name = name;
        this.config = Objects.requireNonNull(config);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.sweepId = sweepId;
        this.status = JobStatus.QUEUED;
    }

    /** A new job, QUEUED. */
    public static TrainingJob create(String id, String name, JobConfig config, Instant createdAt) {
        return create(id, name, config, createdAt, null);
    }

    /** A new job, QUEUED, as a trial of the sweep {@code sweepId} (null: no sweep). */
    public static TrainingJob create(String id, String name, JobConfig config, Instant createdAt, String sweepId) {
        return new TrainingJob(id, name, config, createdAt, sweepId);
    }

    /** Rebuilds a job from its persisted snapshot. */
    public static TrainingJob restore(JobSnapshot s) {
        TrainingJob job = new TrainingJob(s.id(), s.name(), s.config(), s.createdAt(), s.sweepId());
        job.status = s.status();
        job.startedAt = s.startedAt();
        job.finishedAt = s.finishedAt();
        job.epoch = s.epoch();
        job.iteration = s.iteration();
        job.progress = s.progress();
        job.loss = s.loss();
        job.etaSeconds = s.etaSeconds();
        job.history.addAll(s.history());
        job.modelId = s.modelId();
        job.error = s.error();
        job.warnings = s.warnings();
        job.gradientCheckError = s.gradientCheckError();
        job.resumedFromEpoch = s.resumedFromEpoch();
        job.instance = s.instance();
        job.cancelRequested = s.cancelRequested();
        job.version = s.version();
        return job;
    }

    public String id() {
        return id;
    }

    public JobConfig config() {
        return config;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized JobStatus status() {
        return status;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /**
     * A worker takes the job. {@code resumeFrom} is the history of the checkpoint it continues from (null when it
     * starts from fresh weights); the job's position is reset to that checkpoint.
     */
    public JobStarted start(Instant now, List<EpochRecord> resumeFrom) {
        return start(now, resumeFrom, null);
    }

    /** As {@link #start(Instant, List)}, on the named instance (shown in the job's view). */
    public synchronized JobStarted start(Instant now, List<EpochRecord> resumeFrom, String instance) {
        require(JobStatus.QUEUED, "start");
        status = JobStatus.RUNNING;
        this.instance = instance;
        if (startedAt == null) {
            startedAt = now;
        }
        history.clear();
        etaSeconds = null;
        if (resumeFrom != null) {
            history.addAll(resumeFrom);
            resumedFromEpoch = resumeFrom.size();
        }
        moveToEpochBoundary();
        return new JobStarted(snapshotLocked());
    }

    /** Records the gradient check's maximum relative error. */
    public synchronized void recordGradientCheck(double maxRelativeError) {
        require(JobStatus.RUNNING, "record a gradient check");
        gradientCheckError = maxRelativeError;
    }

    /** After an iteration; cheap, called for every one. */
    public synchronized void progressed(int epoch, long iteration, long totalIterations, double loss,
                                        Double etaSeconds) {
        require(JobStatus.RUNNING, "progress");
        this.epoch = epoch;
        this.iteration = iteration;
        // Never backwards: the trainer's total may differ from the plan only when early stopping ends it sooner.
        this.progress = Math.max(progress, Math.min(1.0, (double) iteration / totalIterations));
        this.loss = loss;
        this.etaSeconds = etaSeconds;
    }

    public synchronized EpochCompleted epochCompleted(EpochRecord record) {
        require(JobStatus.RUNNING, "complete an epoch");
        history.add(record);
        // the trainer reports an epoch while the next one trains (its test pass runs meanwhile): never backwards
        epoch = Math.max(epoch, record.epoch());
        return new EpochCompleted(snapshotLocked(), record);
    }

    public synchronized JobSucceeded succeed(String modelId, Instant now) {
        return succeed(modelId, List.of(), now);
    }

    /** Succeeds with warnings about the result (such as an accuracy no better than chance). */
    public synchronized JobSucceeded succeed(String modelId, List<String> warnings, Instant now) {
        require(JobStatus.RUNNING, "succeed");
        this.modelId = Objects.requireNonNull(modelId);
        this.warnings = List.copyOf(warnings);
        status = JobStatus.SUCCEEDED;
        finishedAt = now;
        progress = 1.0;
        etaSeconds = 0.0;
        return new JobSucceeded(snapshotLocked());
    }

    public synchronized JobFailed fail(String reason, Instant now) {
        if (status.isFinal()) {
            throw new IllegalJobTransitionException(id, status, "fail");
        }
        status = JobStatus.FAILED;
        error = reason;
        finishedAt = now;
        etaSeconds = null;
        return new JobFailed(snapshotLocked());
    }

    /**
     * Asks the job to stop. A queued job is CANCELLED at once (the returned event); a running one is flagged and
     * stops at its next iteration, when the worker calls {@link #cancelled(Instant)} (null is returned).
     *
     * @throws JobNotCancellableException when the job has already finished
     */
    public synchronized JobCancelled requestCancel(Instant now) {
        if (status.isFinal()) {
            throw new JobNotCancellableException(id, status);
        }
        cancelRequested = true;
        if (status == JobStatus.QUEUED) {
            return cancelled(now);
        }
        return null;
    }

    /** The worker confirms that a running job stopped because it was asked to. */
    public synchronized JobCancelled cancelled(Instant now) {
        if (status.isFinal() || !cancelRequested) {
            throw new IllegalJobTransitionException(id, status, "be cancelled without a request");
        }
        status = JobStatus.CANCELLED;
        finishedAt = now;
        etaSeconds = null;
        return new JobCancelled(snapshotLocked());
    }

    /**
     * A running job stopped without finishing (shutdown, or found RUNNING after a crash): back to QUEUED at its last
     * completed epoch, from whose checkpoint it resumes.
     */
    public synchronized JobInterrupted interrupt(String reason) {
        require(JobStatus.RUNNING, "be interrupted");
        status = JobStatus.QUEUED;
        etaSeconds = null;
        moveToEpochBoundary();
        return new JobInterrupted(snapshotLocked(), reason);
    }

    public synchronized JobSnapshot snapshot() {
        return snapshotLocked();
    }

    /**
     * Undoes the changes since {@code stored}, the job's last record that reached the disk, after a later record could
     * not be written (a full disk): what the job says about itself is never other than what a restart would read.
     * A cancellation asked for meanwhile stays asked for; snapshots taken later still count as newer.
     */
    public synchronized void rollBackTo(JobSnapshot stored) {
        if (!stored.id().equals(id)) {
            throw new IllegalArgumentException("snapshot of job " + stored.id() + ", not " + id);
        }
        status = stored.status();
        startedAt = stored.startedAt();
        finishedAt = stored.finishedAt();
        epoch = stored.epoch();
        iteration = stored.iteration();
        progress = stored.progress();
        loss = stored.loss();
        etaSeconds = stored.etaSeconds();
        history.clear();
        history.addAll(stored.history());
        modelId = stored.modelId();
        error = stored.error();
        warnings = stored.warnings();
        gradientCheckError = stored.gradientCheckError();
        resumedFromEpoch = stored.resumedFromEpoch();
        instance = stored.instance();
        cancelRequested |= stored.cancelRequested();
    }

    /** Position at the end of the last completed epoch, where the latest checkpoint was taken. */
    private void moveToEpochBoundary() {
        epoch = history.size();
        iteration = Math.min((long) epoch * config.iterationsPerEpoch(), config.plannedIterations());
        progress = (double) iteration / config.plannedIterations();
    }

    private void require(JobStatus expected, String change) {
        if (status != expected) {
            throw new IllegalJobTransitionException(id, status, change);
        }
    }

    /** Numbers snapshots in the order they are taken, so that a later one never loses to an earlier one. */
    private JobSnapshot snapshotLocked() {
        version++;
        return new JobSnapshot(id, name, status, config, createdAt, startedAt, finishedAt, epoch,
                config.plannedEpochs(), iteration, config.plannedIterations(), progress, loss, etaSeconds, history,
                modelId, error, gradientCheckError, resumedFromEpoch, instance, cancelRequested, version, sweepId,
                warnings);
    }
}
