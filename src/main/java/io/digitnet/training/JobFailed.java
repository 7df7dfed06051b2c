package io.digitnet.training;

/** The job ended with an error ({@code job().error()}). */
public record JobFailed(JobSnapshot job) implements JobEvent {
}
