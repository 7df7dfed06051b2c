package io.digitnet.training;

import java.time.Duration;

/** The job queue is at capacity; the caller may try again after {@code retryAfter}. */
public class JobQueueFullException extends RuntimeException {

    private final Duration retryAfter;

    public JobQueueFullException(int capacity, Duration retryAfter) {
        super("the training queue is full (" + capacity + " jobs waiting); try again in about "
                + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
