package io.digitnet.sweeps;

import io.digitnet.training.EpochRecord;
import io.digitnet.training.JobSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sweep aggregate: its trials and their state, guarded by its own rules (a finished sweep never changes, a trial
 * is submitted once). Thread-safe: the feeder updates it while request threads read snapshots and cancel it.
 */
public final class Sweep {

    private final String id;
    private final String name;
    private final SweepPlan plan;
    private final Instant createdAt;
    private final List<TrialSnapshot> trials;
    private SweepStatus status;
    private Instant finishedAt;
    private String promotedModelId;
    private String promoteError;
    private long version;
    /** Counts the changes made to this object, so that a store knows whether there is anything to write. */
    private long changes;

    private Sweep(String id, String name, SweepPlan plan, Instant createdAt, List<TrialSnapshot> trials) {
        this.id = Objects.requireNonNull(id);
        this.name = name;
        this.plan = Objects.requireNonNull(plan);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.trials = new ArrayList<>(trials);
        this.status = SweepStatus.RUNNING;
    }

    /** A new sweep, RUNNING, with every trial PENDING. */
    public static Sweep create(String id, SweepPlan plan, List<Map<String, Object>> params, Instant now) {
        List<TrialSnapshot> trials = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            trials.add(new TrialSnapshot(i + 1, params.get(i), TrialStatus.PENDING, null, List.of(), null, null,
                    null, null, false));
        }
        return new Sweep(id, plan.name(), plan, now, trials);
    }

    public static Sweep restore(SweepSnapshot s) {
        Sweep sweep = new Sweep(s.id(), s.name(), s.plan(), s.createdAt(), s.trials());
        sweep.status = s.status();
        sweep.finishedAt = s.finishedAt();
        sweep.promotedModelId = s.promotedModelId();
        sweep.promoteError = s.promoteError();
        sweep.version = s.version();
        return sweep;
    }

    public String id() {
        return id;
    }

    public SweepPlan plan() {
        return plan;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized SweepStatus status() {
        return status;
    }

    /** Trials not yet submitted, in order. */
    synchronized List<TrialSnapshot> pending() {
        return trials.stream().filter(t -> t.status() == TrialStatus.PENDING).toList();
    }

    /** Trials submitted and not ended. */
    synchronized List<TrialSnapshot> active() {
        return trials.stream().filter(t -> t.status().isActive()).toList();
    }

    synchronized List<TrialSnapshot> trials() {
        return List.copyOf(trials);
    }

    /** The job of a PENDING trial was queued. */
    synchronized TrialSnapshot submitted(int number, String jobId) {
        TrialSnapshot t = trial(number);
        if (status.isFinal() || t.status() != TrialStatus.PENDING) {
            throw new IllegalStateException("trial " + number + " of sweep " + id + " is " + t.status());
        }
        return set(new TrialSnapshot(number, t.params(), TrialStatus.QUEUED, jobId, List.of(), null, null, null,
                null, false));
    }

    /** A PENDING trial could not be submitted (its configuration is refused). */
    synchronized TrialSnapshot submissionFailed(int number, String error) {
        TrialSnapshot t = trial(number);
        return set(new TrialSnapshot(number, t.params(), TrialStatus.FAILED, null, List.of(), null, null, null,
                error, false));
    }

    /** The median stopping rule asked the trial's job to stop. */
    synchronized void stopRequested(int number) {
        TrialSnapshot t = trial(number);
        set(new TrialSnapshot(number, t.params(), t.status(), t.jobId(), t.epochs(), t.testAccuracy(), t.seconds(),
                t.modelId(), t.error(), true));
    }

    /**
     * Brings a submitted trial up to date with its job. {@code modelTestAccuracy} is the stored model's test
     * accuracy once the job succeeded (null to take the last epoch's). Returns the trial as it is now.
     */
    synchronized TrialSnapshot sync(int number, JobSnapshot job, Double modelTestAccuracy) {
        TrialSnapshot t = trial(number);
        if (t.status().isFinal() || !job.id().equals(t.jobId())) {
            return t;
        }
        List<TrialEpoch> epochs = job.history().stream().map(Sweep::epoch).toList();
        TrialStatus next = switch (job.status()) {
            case QUEUED -> TrialStatus.QUEUED;
            case RUNNING -> TrialStatus.RUNNING;
            case SUCCEEDED -> TrialStatus.SUCCEEDED;
            case FAILED -> TrialStatus.FAILED;
            case CANCELLED -> t.stopRequested() ? TrialStatus.STOPPED : TrialStatus.CANCELLED;
        };
        Double accuracy = modelTestAccuracy != null ? modelTestAccuracy
                : epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).testAccuracy();
        Double seconds = job.history().isEmpty() ? null
                : job.history().stream().mapToDouble(EpochRecord::seconds).sum();
        TrialSnapshot updated = new TrialSnapshot(number, t.params(), next, t.jobId(), epochs, accuracy, seconds,
                job.modelId(), job.error(), t.stopRequested());
        return updated.equals(t) ? t : set(updated);
    }

    /** Ends the sweep once every trial has ended; true when it did just now. */
    synchronized boolean finishIfDone(Instant now) {
        if (status.isFinal() || trials.stream().anyMatch(t -> !t.status().isFinal())) {
            return false;
        }
        status = trials.stream().anyMatch(t -> t.status() == TrialStatus.SUCCEEDED) ? SweepStatus.SUCCEEDED
                : SweepStatus.FAILED;
        finishedAt = now;
        changes++;
        return true;
    }

    synchronized void promoted(String modelId, String error) {
        this.promotedModelId = modelId;
        this.promoteError = error;
        changes++;
    }

    /**
     * Ends the sweep CANCELLED; every trial not ended is CANCELLED. Returns the jobs of the trials that were queued
     * or running, for the caller to cancel.
     *
     * @throws SweepNotCancellableException when the sweep has already ended
     */
    synchronized List<String> cancel(Instant now) {
        if (status.isFinal()) {
            throw new SweepNotCancellableException(id, status);
        }
        List<String> jobs = new ArrayList<>();
        for (TrialSnapshot t : List.copyOf(trials)) {
            if (!t.status().isFinal()) {
                if (t.jobId() != null) {
                    jobs.add(t.jobId());
                }
                set(new TrialSnapshot(t.number(), t.params(), TrialStatus.CANCELLED, t.jobId(), t.epochs(),
                        t.testAccuracy(), t.seconds(), t.modelId(), t.error(), t.stopRequested()));
            }
        }
        status = SweepStatus.CANCELLED;
        finishedAt = now;
        changes++;
        return jobs;
    }

    public synchronized SweepSnapshot snapshot() {
        version++;
        return new SweepSnapshot(id, name, status, plan, createdAt, finishedAt, trials, promotedModelId,
                promoteError, version);
    }

    private TrialSnapshot trial(int number) {
        return trials.get(number - 1);
    }

    private TrialSnapshot set(TrialSnapshot trial) {
        trials.set(trial.number() - 1, trial);
        changes++;
        return trial;
    }

    /** How many changes this object has seen since it was created or restored. */
    synchronized long changes() {
        return changes;
    }

    private static TrialEpoch epoch(EpochRecord record) {
        return new TrialEpoch(record.epoch(), record.testAccuracy(), record.validationLoss());
    }
}
