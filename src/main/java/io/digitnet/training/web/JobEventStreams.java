package io.digitnet.training.web;

import io.digitnet.training.EpochCompleted;
import io.digitnet.training.JobEvent;
import io.digitnet.training.JobProgressed;
import io.digitnet.training.JobQueued;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.RemoteJobEvent;
import io.digitnet.training.JobsSettings;
import io.digitnet.training.TrainingJobs;
import io.digitnet.web.EventStream;
import io.digitnet.web.EventStreamLimitException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams, by job. Job events are sent on a small pool of sender threads, each stream's
 * in order, so that a slow client never holds up the training thread. Streams are capped; each ends after the job's
 * final status. Each client address may hold a few of them at most, so that one client cannot take every slot; a
 * heartbeat comment every {@code digitnet.jobs.event-stream-heartbeat} finds the streams of clients that went away.
 *
 * <p>Events: {@code status} (the whole job, on opening and on every status change), {@code progress} (at most every
 * {@code digitnet.jobs.progress-interval}), {@code epoch} (a finished epoch's history entry).
 */
@Component
class JobEventStreams {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final TrainingJobs jobs;
    private final int limit;
    private final int perClientLimit;
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;
    private final long timeoutMillis;
    private final Map<String, Set<EventStream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ThreadPoolExecutor senders;

    JobEventStreams(TrainingJobs jobs, JobsSettings settings) {
        this.jobs = jobs;
        this.limit = settings.maxEventStreams();
        this.timeoutMillis = settings.eventStreamTimeout().toMillis();
        this.perClientLimit = settings.maxEventStreamsPerClient();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "job-events-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long heartbeat = settings.eventStreamHeartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        AtomicInteger threads = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(limit, limit, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "job-events-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.senders.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens a stream for an existing job; it starts with the job's current status.
     *
     * @param client the client's address
     * @throws EventStreamClientLimitException when this client has reached its cap
     * @throws EventStreamLimitException       when the service's cap is reached
     */
    SseEmitter open(String jobId, String client) {
        if (perClient.merge(client, 1, Integer::sum) > perClientLimit) {
            release(client);
            throw new EventStreamClientLimitException(perClientLimit, RETRY_AFTER);
        }
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            release(client);
            throw new EventStreamLimitException("event streams", limit, "GET /jobs/{id}", RETRY_AFTER);
        }
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        EventStream stream = new EventStream(emitter, senders, closed -> closed(jobId, client, closed));
        streams.compute(jobId, (id, set) -> {
            Set<EventStream> subscribers = set == null ? ConcurrentHashMap.newKeySet() : set;
            subscribers.add(stream);
            return subscribers;
        });
        // Registered before the snapshot is taken: no event between the two can be missed.
        JobSnapshot job = stream.firstSnapshot(() -> jobs.get(jobId));
        stream.send("status", JobView.of(job));
        if (job.status().isFinal()) {
            stream.sendEnd();
        }
        return emitter;
    }

    @EventListener
    void on(JobEvent event) {
        Set<EventStream> subscribers = streams.get(event.job().id());
        if (subscribers == null || event instanceof JobQueued) {
            return;
        }
        for (EventStream stream : subscribers) {
            if (event instanceof JobProgressed) {
                stream.send("progress", ProgressView.of(event.job()));
            } else if (event instanceof EpochCompleted epoch) {
                stream.send("epoch", epoch.epoch());
            } else {
                stream.send("status", JobView.of(event.job()));
            }
            if (event.isFinal()) {
                stream.sendEnd();
            }
        }
    }

    /** Cluster mode: a job running on another instance. */
    @EventListener
    void on(RemoteJobEvent remote) {
        on(remote.event());
    }

    /** Lets the server stop without waiting for streams of jobs that will not finish in this run. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        streams.values().forEach(set -> set.forEach(EventStream::sendEnd));
    }

    private void heartbeat() {
        streams.values().forEach(set -> set.forEach(EventStream::heartbeat));
    }

    /** Open streams now, all clients together. */
    int openCount() {
        return open.get();
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (c, count) -> count <= 1 ? null : count - 1);
    }

    private void closed(String jobId, String client, EventStream stream) {
        open.decrementAndGet();
        release(client);
        streams.computeIfPresent(jobId, (id, set) -> {
            set.remove(stream);
            return set.isEmpty() ? null : set;
        });
    }

    @PreDestroy
    void shutdown() {
        heartbeats.shutdownNow();
        senders.shutdown();
    }
}
