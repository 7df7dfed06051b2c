package io.digitnet.training;

/**
 * A running job was stopped by a shutdown (or found running after a crash) and is QUEUED again; it resumes from
 * its last checkpoint when a worker takes it.
 */
public record JobInterrupted(JobSnapshot job, String reason) implements JobEvent {
}
