package io.digitnet.sweeps;

/** RUNNING until every trial has ended, then SUCCEEDED (some trial produced a model) or FAILED; or CANCELLED. */
public enum SweepStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
