package io.digitnet.training;

/** A job was accepted and waits for a worker. */
public record JobQueued(JobSnapshot job) implements JobEvent {
}
