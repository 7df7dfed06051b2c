package io.digitnet.web;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's server-sent event stream, for every feature that streams (jobs, sweeps). Messages are queued and
 * drained by at most one sender thread at a time, so they arrive in order and the thread that produced them (a
 * training worker, a sweep's feeder) never waits for the client.
 */
public final class EventStream {

    private final SseEmitter emitter;
    private final Executor senders;
    private final Consumer<EventStream> onClosed;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();

    /** @param onClosed called once, when the stream ends for whatever reason */
    public EventStream(SseEmitter emitter, Executor senders, Consumer<EventStream> onClosed) {
        this.emitter = emitter;
        this.senders = senders;
        this.onClosed = onClosed;
        emitter.onCompletion(this::closed);
        emitter.onTimeout(this::end);
        emitter.onError(error -> end());
    }

    public void send(String name, Object data) {
        enqueue(() -> {
            try {
                emitter.send(SseEmitter.event().id(Long.toString(sequence.incrementAndGet())).name(name)
                        .data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                // The client went away or the stream already ended.
                end();
            }
        });
    }

    /**
     * A comment line, which clients ignore: writing it is how a client that went away is noticed while the job is
     * quiet (the write fails and the stream ends, freeing its slot).
     */
    public void heartbeat() {
        enqueue(() -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                end();
            }
        });
    }

    /**
     * The snapshot a stream starts with, taken once the stream is registered (so that no event between the two is
     * missed). When it cannot be taken (the job or sweep was deleted in between), the stream lets go of its slot at
     * once: its emitter is never handed to the client, so nothing else would ever close it.
     */
    public <T> T firstSnapshot(Supplier<T> snapshot) {
        try {
            return snapshot.get();
        } catch (RuntimeException e) {
            closed();
            throw e;
        }
    }

    /** Ends the stream after the messages already queued. */
    public void sendEnd() {
        enqueue(this::end);
    }

    private void end() {
        try {
            emitter.complete();
        } catch (IllegalStateException ignored) {
            // already completed
        }
        closed();
    }

    private void closed() {
        if (closed.compareAndSet(false, true)) {
            onClosed.accept(this);
        }
    }

    private void enqueue(Runnable message) {
        if (closed.get()) {
            return;
        }
        pending.add(message);
        drain();
    }

    private void drain() {
        if (draining.compareAndSet(false, true)) {
            senders.execute(() -> {
                try {
                    Runnable message;
                    while (!closed.get() && (message = pending.poll()) != null) {
                        message.run();
                    }
                } finally {
                    draining.set(false);
                }
                // A message queued while the flag was still set would otherwise wait for the next one.
                if (!pending.isEmpty() && !closed.get()) {
                    drain();
                }
            });
        }
    }
}
