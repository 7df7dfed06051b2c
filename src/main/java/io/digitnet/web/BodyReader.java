package io.digitnet.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BodyDeadlineFilter}'s non-blocking read of one body: reads as bytes arrive, then dispatches the request with
 * {@code received} (the body and what it was received for) in the request attribute {@code attribute}, or answers at the deadline (408), when the client goes away
 * (nothing), or when the body cannot be spooled (507). Each outcome but the dispatch lets go of the body at once; the
 * dispatched handling lets go of it when done, and {@link #onComplete} once more in any case. Called by the container.
 */
final class BodyReader implements ReadListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(BodyDeadlineFilter.class);

    /** How long a body may take, and the setting that says so (named in 408 answers). */
    record Deadline(Duration time, String setting) {
    }

    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ServletInputStream in;
    private final ReceivedBody body;
    private final Deadline deadline;
    private final BodyProblems answers;
    private final String attribute;
    private final Object received;
    private final AtomicBoolean finished = new AtomicBoolean();

    BodyReader(AsyncContext async, HttpServletRequest request, HttpServletResponse response, ServletInputStream in,
               ReceivedBody body, Deadline deadline, BodyProblems answers, String attribute, Object received) {
        this.async = async;
        this.request = request;
        this.response = response;
        this.in = in;
        this.body = body;
        this.deadline = deadline;
        this.answers = answers;
        this.attribute = attribute;
        this.received = received;
    }

    @Override
    public void onDataAvailable() throws IOException {
        // Read until isReady() itself says false: only then does the container call again when more comes. A read
        // may return 0 bytes while isReady() was true (a chunk header without its data yet); stopping there
        // left the request waiting for a call that never came, until the deadline (seen as a 408, "0 bytes").
        try {
            while (!body.done() && in.isReady()) {
                body.readFrom(in);
            }
        } catch (BodySpool.WriteFailed e) {
            notSpooled(e);
            return;
        }
        if (body.done()) {
            proceed();
        }
    }

    @Override
    public void onAllDataRead() {
        proceed();
    }

    @Override
    public void onError(Throwable t) {
        if (t instanceof SocketTimeoutException) {
            timedOut(); // the connector's own read timeout came first
        } else if (finished.compareAndSet(false, true)) {
            log.debug("request body not read: {}", t.toString());
            body.release();
            async.complete(); // the client went away; nothing to answer
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        timedOut();
    }

    /** After every outcome, the dispatched handling included. */
    @Override
    public void onComplete(AsyncEvent event) {
        body.release();
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }

    private void proceed() {
        if (finished.compareAndSet(false, true)) {
            request.setAttribute(attribute, received);
            async.dispatch();
        }
    }

    private void notSpooled(IOException failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        body.release();
        try {
            answers.notSpooled(request, response, failure);
        } catch (IOException | RuntimeException e) {
            log.debug("could not answer that the body could not be spooled: {}", e.toString());
        } finally {
            async.complete();
        }
    }

    private void timedOut() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        body.release();
        try {
            answers.tooSlow(request, response, deadline, body.size());
        } catch (IOException | RuntimeException e) {
            log.debug("could not answer 408: {}", e.toString());
        } finally {
            async.complete();
        }
    }
}
