package io.digitnet.training;

/** Something that happened to a training job; carries the job as it was right after. */
public sealed interface JobEvent
        permits JobQueued, JobStarted, JobProgressed, EpochCompleted, JobInterrupted, JobSucceeded, JobFailed,
        JobCancelled {

    JobSnapshot job();

    /** True for the events after which the job never changes again. */
    default boolean isFinal() {
        return job().status().isFinal();
    }
}
