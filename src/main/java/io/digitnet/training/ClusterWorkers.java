package io.digitnet.training;

import io.digitnet.system.ClusterMode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The training workers of cluster mode are JobRunr's background job server ({@code digitnet.jobs.workers} workers).
 * On shutdown this stops the running jobs at their next iteration, before JobRunr stops: each is checkpointed at its
 * last epoch, released and handed to the other instances at once. JobRunr stops its server by itself after repeated
 * storage errors (the database gone); this starts it again once the database answers, without a restart.
 */
@Component
@ClusterMode
class ClusterWorkers implements SmartLifecycle, WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(ClusterWorkers.class);
    private static final Duration WATCH = Duration.ofSeconds(5);

    private final ObjectProvider<BackgroundJobServer> server;
    private final JobsSettings settings;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean started;
    private ScheduledExecutorService watchdog;
    private volatile boolean serverStarted;

    ClusterWorkers(ObjectProvider<BackgroundJobServer> server, JobsSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    boolean stopping() {
        return stopping;
    }

    void running(int change) {
        synchronized (running) {
            running.addAndGet(change);
            running.notifyAll();
        }
    }

    @Override
    public int size() {
        return settings.workers();
    }

    @Override
    public int alive() {
        BackgroundJobServer jobServer = server.getIfAvailable();
        return jobServer != null && jobServer.isRunning() && !stopping ? settings.workers() : 0;
    }

    @Override
    public void start() {
        stopping = false;
        started = true;
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jobrunr-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::restartIfStopped, WATCH.toSeconds(), WATCH.toSeconds(),
                TimeUnit.SECONDS);
    }

    private void restartIfStopped() {
        BackgroundJobServer jobServer = server.getIfAvailable();
        if (stopping || jobServer == null) {
            return;
        }
        if (jobServer.isRunning()) {
            serverStarted = true;
            return;
        }
        if (!serverStarted) {
            return; // JobRunr's own start is still under way
        }
        try {
            log.info("JobRunr's background job server is stopped; starting it again");
            jobServer.start();
        } catch (RuntimeException e) {
            log.debug("JobRunr's background job server did not start yet: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        long deadline = System.currentTimeMillis() + settings.shutdownTimeout().toMillis();
        synchronized (running) {
            while (running.get() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    running.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (running.get() > 0) {
            log.warn("{} job(s) still running after {}", running.get(), settings.shutdownTimeout());
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Stops before the web server and the notification listener. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 10;
    }
}
