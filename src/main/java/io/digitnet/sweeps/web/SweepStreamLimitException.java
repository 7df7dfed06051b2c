package io.digitnet.sweeps.web;

import java.time.Duration;

/** As many sweep event streams are open as the service allows ({@code digitnet.sweeps.max-event-streams}). */
public class SweepStreamLimitException extends RuntimeException {

    private final Duration retryAfter;

    SweepStreamLimitException(int limit, Duration retryAfter) {
        super("too many open sweep event streams (the limit is " + limit + "); poll GET /sweeps/{id} instead or "
                + "retry later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
