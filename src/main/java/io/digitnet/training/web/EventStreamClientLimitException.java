package io.digitnet.training.web;

import java.time.Duration;

/** One client has as many event streams open as one client may ({@code digitnet.jobs.max-event-streams-per-client}). */
public class EventStreamClientLimitException extends RuntimeException {

    private final Duration retryAfter;

    EventStreamClientLimitException(int limit, Duration retryAfter) {
        super("this client already has " + limit + " open event streams, the most one client may have; close one, "
                + "poll GET /jobs/{id} instead or retry later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
