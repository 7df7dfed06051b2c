package io.digitnet.training.web;

import io.digitnet.training.EpochCompleted;
import io.digitnet.training.JobEvent;
import io.digitnet.training.JobProgressed;
import io.digitnet.training.JobQueued;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobsProperties;
import io.digitnet.training.TrainingJobs;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams, by job. Job events are sent on a small pool of sender threads, each stream's
 * in order, so that a slow client never holds up the training thread. Streams are capped; each ends after the job's
 * final status.
 *
 * <p>Events: {@code status} (the whole job, on opening and on every status change), {@code progress} (at most every
 * {@code digitnet.jobs.progress-interval}), {@code epoch} (a finished epoch's history entry).
 */
@Component
class JobEventStreams {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final TrainingJobs jobs;
    private final int limit;
    private final long timeoutMillis;
    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ThreadPoolExecutor senders;

    JobEventStreams(TrainingJobs jobs, JobsProperties properties) {
        this.jobs = jobs;
        this.limit = properties.maxEventStreams();
        this.timeoutMillis = properties.eventStreamTimeout().toMillis();
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
     * @throws EventStreamLimitException when the cap is reached
     */
    SseEmitter open(String jobId) {
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            throw new EventStreamLimitException(limit, RETRY_AFTER);
        }
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        Stream stream = new Stream(jobId, emitter);
        emitter.onCompletion(stream::closed);
        emitter.onTimeout(stream::end);
        emitter.onError(error -> stream.end());
        streams.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        // Registered before the snapshot is taken: no event between the two can be missed.
        JobSnapshot job = jobs.get(jobId);
        stream.send("status", JobView.of(job));
        if (job.status().isFinal()) {
            stream.sendEnd();
        }
        return emitter;
    }

    @EventListener
    void on(JobEvent event) {
        Set<Stream> subscribers = streams.get(event.job().id());
        if (subscribers == null || event instanceof JobQueued) {
            return;
        }
        for (Stream stream : subscribers) {
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

    /** Lets the server stop without waiting for streams of jobs that will not finish in this run. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        streams.values().forEach(set -> set.forEach(Stream::sendEnd));
    }

    @PreDestroy
    void shutdown() {
        senders.shutdown();
    }

    int openStreams() {
        return open.get();
    }

    /** One client's stream: its messages are queued and drained by one sender at a time, in order. */
    private final class Stream {

        private final String jobId;
        private final SseEmitter emitter;
        private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicLong sequence = new AtomicLong();

        Stream(String jobId, SseEmitter emitter) {
            this.jobId = jobId;
            this.emitter = emitter;
        }

        void send(String name, Object data) {
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

        void sendEnd() {
            enqueue(this::end);
        }

        void end() {
            try {
                emitter.complete();
            } catch (IllegalStateException ignored) {
                // already completed
            }
            closed();
        }

        void closed() {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
                Set<Stream> set = streams.get(jobId);
                if (set != null) {
                    set.remove(this);
                    streams.computeIfPresent(jobId, (id, s) -> s.isEmpty() ? null : s);
                }
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
