package io.digitnet.training;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import io.digitnet.system.FileMode;
import org.springframework.stereotype.Component;

/**
 * The pool of training threads fed by the {@link JobQueue}. Starts after the context is ready (recovering the jobs
 * a previous run left), and on shutdown stops the running jobs at their next iteration: their last epoch
 * checkpoint stays on disk and they resume at the next start.
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
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private volatile boolean running;

    TrainingWorkers(TrainingJobs jobs, JobQueue queue, JobRunner runner, JobsSettings settings) {
        this.jobs = jobs;
        this.queue = queue;
        this.runner = runner;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        jobs.recover();
        for (int i = 0; i < settings.workers(); i++) {
            Thread thread = new Thread(this::work, "training-worker-" + (i + 1));
            threads.add(thread);
            thread.start();
        }
        running = true;
        log.info("{} training worker(s) started; queue capacity {}", settings.workers(), queue.capacity());
    }

    private void work() {
        while (!stopping) {
            try {
                Optional<String> id = queue.poll(POLL);
                if (id.isEmpty() || stopping) {
                    // A job taken just as shutdown began stays QUEUED on disk and runs at the next start.
                    continue;
                }
                jobs.find(id.get()).filter(job -> job.status() == JobStatus.QUEUED)
                        .ifPresent(job -> runner.run(job, () -> stopping));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Training worker error; the worker goes on", e);
            }
        }
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

    @Override
    public int alive() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    @Override
    public int size() {
        return settings.workers();
    }
}
