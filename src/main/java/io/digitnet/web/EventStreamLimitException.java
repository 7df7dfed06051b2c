package io.digitnet.web;

import java.time.Duration;

/**
 * As many event streams of one kind (jobs', sweeps') are open as the service allows: answered 503 with
 * {@code Retry-After} ({@link EventStreamProblems}).
 */
public class EventStreamLimitException extends RuntimeException {

    private final Duration retryAfter;

    /**
     * @param streams what streams, as the message names them ("event streams", "sweep event streams")
     * @param limit   the setting's value
     * @param poll    what a client may poll instead ("GET /jobs/{id}")
     */
    public EventStreamLimitException(String streams, int limit, String poll, Duration retryAfter) {
        super("too many open " + streams + " (the limit is " + limit + "); poll " + poll + " instead or retry later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
