package io.digitnet.training;

/** Training finished and the model was stored ({@code job().modelId()}). */
public record JobSucceeded(JobSnapshot job) implements JobEvent {
}
