package io.digitnet.training;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Ids of jobs waiting for a worker, first in first out, with a bounded capacity for new submissions. */
public interface JobQueue {

    /** Adds a new job at the end; false when the queue is full. */
    boolean offer(String jobId);

    /** Puts recovered jobs back at start-up, in the given order, ahead of new ones and regardless of capacity. */
    void restore(List<String> jobIds);

    /** The next job id, waiting at most {@code timeout}; empty when none came. */
    Optional<String> poll(Duration timeout) throws InterruptedException;

    /** Removes a waiting job (cancelled); false when it was not waiting. */
    boolean remove(String jobId);

    int size();

    int capacity();

    /** Waiting ids, next first. */
    List<String> ids();
}
