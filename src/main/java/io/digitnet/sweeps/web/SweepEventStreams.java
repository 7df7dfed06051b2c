package io.digitnet.sweeps.web;

import io.digitnet.sweeps.RemoteSweepEvent;
import io.digitnet.sweeps.SweepEvent;
import io.digitnet.sweeps.SweepSnapshot;
import io.digitnet.sweeps.Sweeps;
import io.digitnet.sweeps.SweepsSettings;
import io.digitnet.web.EventStream;
import io.digitnet.web.EventStreamLimitException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams of sweeps. Events: {@code sweep} (the whole sweep: first, and last when it
 * ends), {@code trial} (a leaderboard entry whose status changed: queued, started, ended), {@code epoch} (a trial's
 * finished epoch). In cluster mode the events of other instances arrive as {@link RemoteSweepEvent}s. Each stream's
 * messages go out in order on a small pool ({@link EventStream}), so the feeder never waits for a client.
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
    private final Map<String, Set<EventStream>> streams = new ConcurrentHashMap<>();
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
            throw new EventStreamLimitException("sweep event streams", limit, "GET /sweeps/{id}", RETRY_AFTER);
        }
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        EventStream stream = new EventStream(emitter, senders, closed -> closed(sweepId, closed));
        streams.computeIfAbsent(sweepId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        // Registered before the snapshot is taken: no event between the two is missed.
        SweepSnapshot sweep = stream.firstSnapshot(() -> sweeps.get(sweepId));
        stream.send("sweep", SweepView.of(sweep));
        if (sweep.status().isFinal()) {
            stream.sendEnd();
        }
        return emitter;
    }

    @EventListener
    void on(SweepEvent event) {
        Set<EventStream> subscribers = streams.get(event.sweep().id());
        if (subscribers == null) {
            return;
        }
        var metric = event.sweep().plan().metric();
        for (EventStream stream : subscribers) {
            if (event instanceof SweepEvent.TrialChanged changed) {
                stream.send("trial", TrialView.of(changed.trial(), metric));
            } else if (event instanceof SweepEvent.TrialEpochCompleted epoch) {
                stream.send("epoch", new EpochView(epoch.trial().number(), epoch.trial().jobId(),
                        epoch.epoch().epoch(), epoch.epoch().testAccuracy(), epoch.epoch().validationLoss()));
            } else if (event instanceof SweepEvent.SweepEnded ended) {
                stream.send("sweep", SweepView.of(ended.sweep()));
                stream.sendEnd();
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
        streams.values().forEach(set -> set.forEach(EventStream::sendEnd));
    }

    @PreDestroy
    void shutdown() {
        senders.shutdown();
    }

    private void closed(String sweepId, EventStream stream) {
        open.decrementAndGet();
        streams.computeIfPresent(sweepId, (id, set) -> {
            set.remove(stream);
            return set.isEmpty() ? null : set;
        });
    }
}
