package io.digitnet.training;

/** A running job finished an epoch (its checkpoint is already written). */
public record EpochCompleted(JobSnapshot job, EpochRecord epoch) implements JobEvent {
}
