package io.digitnet.sweeps;

/**
 * Where a trial is: PENDING (not yet submitted as a job), then its job's status, or STOPPED when the median
 * stopping rule cancelled it.
 */
public enum TrialStatus {
    PENDING,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    STOPPED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == STOPPED;
    }

    /** Submitted and not yet ended: holds a queue slot or a worker. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
