package io.digitnet.training.web;

import java.time.Duration;

/** As many event streams are open as the service allows ({@code digitnet.jobs.max-event-streams}). */
public class EventStreamLimitException extends RuntimeException {

    private final Duration retryAfter;

    EventStreamLimitException(int limit, Duration retryAfter) {
        super("too many open event streams (the limit is " + limit + "); poll GET /jobs/{id} instead or retry later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
