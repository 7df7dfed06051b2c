package io.digitnet.training;

/**
 * Cluster mode: something that happened to a job running on another instance, published on this one for the event
 * streams only (it is not stored or counted again here).
 */
public record RemoteJobEvent(JobEvent event) {
}
