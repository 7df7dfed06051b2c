package io.digitnet.training;

/** A worker took the job; {@code job().resumedFromEpoch()} tells whether it continues from a checkpoint. */
public record JobStarted(JobSnapshot job) implements JobEvent {
}
