package io.digitnet.sweeps;

/**
 * Cluster mode: something that happened to a sweep on another instance, published on this one for its event streams
 * and its feeder only (it is not counted again here).
 */
public record RemoteSweepEvent(SweepEvent event) {
}
