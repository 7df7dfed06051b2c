package io.digitnet.training;

/** The job was cancelled before it finished. */
public record JobCancelled(JobSnapshot job) implements JobEvent {
}
