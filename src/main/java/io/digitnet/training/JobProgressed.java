package io.digitnet.training;

/** A running job advanced (published at most every digitnet.jobs.progress-interval). */
public record JobProgressed(JobSnapshot job) implements JobEvent {
}
