package io.digitnet.sweeps.web;

import io.digitnet.sweeps.RemoteSweepEvent;
import io.digitnet.sweeps.SweepEvent;
import io.digitnet.sweeps.SweepSnapshot;
import io.digitnet.sweeps.Sweeps;
import io.digitnet.sweeps.SweepsSettings;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams of sweeps. Events: {@code sweep} (the whole sweep: first, and last when it
 * ends), {@code trial} (a leaderboard entry whose status changed: queued, started, ended), {@code epoch} (a trial's
 * finished epoch). In cluster mode the events of other instances arrive as {@link RemoteSweepEvent}s. Each stream's
 * messages go out in order on a small pool, so the feeder never waits for a client.
 */
@Component
class SweepEventStreams {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** What an {@code epoch} event carries. */
    record EpochView(int trial, String jobId, int epoch, double testAccuracy, Double validationLoss) {
    }

    private final Sweeps sweeps;
    private final int limit;
    private final long timeoutMillis;
    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService senders = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sweep-events");
        thread.setDaemon(true);
        return thread;
    });

    SweepEventStreams(Sweeps sweeps, SweepsSettings settings) {
        this.sweeps = sweeps;
        this.limit = settings.maxEventStreams();
        this.timeoutMillis = settings.eventStreamTimeout().toMillis();
    }

    SseEmitter open(String sweepId) {
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            throw new SweepStreamLimitException(limit, RETRY_AFTER);
        }
        Stream stream = new Stream(new SseEmitter(timeoutMillis), sweepId);
        streams.computeIfAbsent(sweepId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        // Registered before the snapshot is taken: no event between the two is missed.
        SweepSnapshot sweep = sweeps.get(sweepId);
        stream.send("sweep", SweepView.of(sweep));
        if (sweep.status().isFinal()) {
            stream.end();
        }
        return stream.emitter;
    }

    @EventListener
    void on(SweepEvent event) {
        Set<Stream> subscribers = streams.get(event.sweep().id());
        if (subscribers == null) {
            return;
        }
        var metric = event.sweep().plan().metric();
        for (Stream stream : subscribers) {
            if (event instanceof SweepEvent.TrialChanged changed) {
                stream.send("trial", TrialView.of(changed.trial(), metric));
            } else if (event instanceof SweepEvent.TrialEpochCompleted epoch) {
                stream.send("epoch", new EpochView(epoch.trial().number(), epoch.trial().jobId(),
                        epoch.epoch().epoch(), epoch.epoch().testAccuracy(), epoch.epoch().validationLoss()));
            } else if (event instanceof SweepEvent.SweepEnded ended) {
                stream.send("sweep", SweepView.of(ended.sweep()));
                stream.end();
            }
        }
    }

    /** Cluster mode: the sweep is fed, or its trials run, on another instance. */
    @EventListener
    void on(RemoteSweepEvent event) {
        on(event.event());
    }

    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        streams.values().forEach(set -> set.forEach(Stream::end));
    }

    @PreDestroy
    void shutdown() {
        senders.shutdown();
    }

    /** One client's stream: messages queued, sent in order by at most one sender at a time. */
    private final class Stream {

        private final SseEmitter emitter;
        private final String sweepId;
        private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicLong sequence = new AtomicLong();

        Stream(SseEmitter emitter, String sweepId) {
            this.emitter = emitter;
            this.sweepId = sweepId;
            emitter.onCompletion(this::closed);
            emitter.onTimeout(this::complete);
            emitter.onError(error -> complete());
        }

        void send(String name, Object data) {
            enqueue(() -> {
                try {
                    emitter.send(SseEmitter.event().id(Long.toString(sequence.incrementAndGet())).name(name)
                            .data(data, MediaType.APPLICATION_JSON));
                } catch (IOException | IllegalStateException e) {
                    complete();
                }
            });
        }

        void end() {
            enqueue(this::complete);
        }

        private void complete() {
            try {
                emitter.complete();
            } catch (IllegalStateException ignored) {
                // already completed
            }
            closed();
        }

        private void closed() {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
                streams.computeIfPresent(sweepId, (id, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
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
                    if (!pending.isEmpty() && !closed.get()) {
                        drain();
                    }
                });
            }
        }
    }
}
