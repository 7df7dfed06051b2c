package io.digitnet.training;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import io.digitnet.system.FileMode;
import org.springframework.stereotype.Component;

/**
 * The pool of training threads fed by the {@link JobQueue}. Starts after the context is ready (recovering the jobs
 * a previous run left), and on shutdown stops the running jobs at their next iteration: their last epoch
 * checkpoint stays on disk and they resume at the next start.
 *
 * <p>Whatever a job throws (an {@link Error} included) ends that job {@code FAILED} with the reason, and its worker
 * thread is replaced by a fresh one. When no thread can be made, {@link WorkerAvailability} is marked broken:
 * liveness goes DOWN and submissions are refused.
 */
@Component
@FileMode
public class TrainingWorkers implements SmartLifecycle, WorkerPool {

    /** How often an idle worker looks up from the queue to notice a shutdown; no thread is ever interrupted. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(TrainingWorkers.class);

    private final TrainingJobs jobs;
    private final JobQueue queue;
    private final JobRunner runner;
    private final JobsSettings settings;
    private final WorkerAvailability availability;
    private final WorkerThreads threadFactory;
    private final ApplicationEventPublisher events;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean running;

    TrainingWorkers(TrainingJobs jobs, JobQueue queue, JobRunner runner, JobsSettings settings,
                    WorkerAvailability availability, ObjectProvider<WorkerThreads> threadFactory,
                    ApplicationEventPublisher events) {
        this.jobs = jobs;
        this.queue = queue;
        this.runner = runner;
        this.settings = settings;
        this.availability = availability;
        this.threadFactory = threadFactory.getIfAvailable(() -> WorkerThreads.PLATFORM);
        this.events = events;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        jobs.recover();
        for (int i = 0; i < settings.workers(); i++) {
            startWorker();
        }
        running = true;
        log.info("{} training worker(s) started; queue capacity {}", settings.workers(), queue.capacity());
    }

    private void startWorker() {
        try {
            Thread thread = threadFactory.create(this::work, "training-worker-" + started.incrementAndGet());
            threads.add(thread);
            thread.start();
        } catch (Throwable e) {
            log.error("Cannot start a training worker thread; training is broken until the service restarts", e);
            availability.markBroken("a training worker died and could not be replaced (" + describe(e) + ")");
        }
    }

    private void work() {
        try {
            while (!stopping) {
                Optional<String> id = queue.poll(POLL);
                if (id.isEmpty() || stopping) {
                    // A job taken just as shutdown began stays QUEUED on disk and runs at the next start.
                    continue;
                }
                jobs.find(id.get()).filter(job -> job.status() == JobStatus.QUEUED).ifPresent(this::run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!stopping) {
                replace(e);
            }
        } catch (Throwable e) {
            replace(e);
        }
    }

    /** Runs one job; anything it throws ends it FAILED, then goes on to end this worker. */
    private void run(TrainingJob job) {
        try {
            runner.run(job, () -> stopping);
        } catch (Throwable e) {
            log.error("Training worker died running job {}", job.id(), e);
            try {
                if (!job.status().isFinal()) {
                    events.publishEvent(job.fail("the training worker failed: " + describe(e), Instant.now()));
                }
            } catch (Throwable again) {
                log.error("Could not mark job {} FAILED", job.id(), again);
            }
            throw e;
        }
    }

    /** The current thread ends (its state may be damaged); a fresh one takes its place. */
    private void replace(Throwable cause) {
        threads.remove(Thread.currentThread());
        if (stopping) {
            return;
        }
        log.warn("Replacing {} after {}", Thread.currentThread().getName(), describe(cause));
        startWorker();
    }

    /** The root cause, which wrappers (reflection, event listeners) would hide. */
    private static String describe(Throwable thrown) {
        Throwable e = thrown;
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return message.isEmpty() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                log.warn("{} did not stop within {}", thread.getName(), settings.shutdownTimeout());
            }
        }
        threads.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Worker threads alive now (a replacement may take a moment to appear). */
    @Override
    public int alive() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    @Override
    public int size() {
        return settings.workers();
    }
}
