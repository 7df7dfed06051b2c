package io.digitnet.training;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ids of jobs waiting for a worker, first in first out, with a bounded capacity for new submissions. Adapters:
 * {@link InMemoryJobQueue} (one instance, fed to {@link TrainingWorkers}) and {@link JobRunrJobQueue} (cluster mode:
 * JobRunr's queue in PostgreSQL, capacity counted over every instance).
 */
public interface JobQueue {

    /**
     * Runs a submission (capacity check, record, {@link #offer}) while no other submission sharing this queue checks
     * the capacity, so that the limit holds under concurrent submissions.
     */
    <T> T whileSubmitting(Supplier<T> submission);

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
