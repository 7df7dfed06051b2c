package io.digitnet.training;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.system.ClusterMode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobSteward;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The training workers of cluster mode are JobRunr's background job server ({@code digitnet.jobs.workers} workers).
 * On shutdown this pauses the server (it takes no more work) and stops the running jobs at their next iteration,
 * before JobRunr stops: each is checkpointed at its last epoch, released, enqueued again and announced on
 * {@value #HAND_OVER}, whereupon the other instances look for work at once instead of at their next poll. JobRunr
 * stops its server by itself after repeated storage errors (the database gone); this starts it again once the
 * database answers, without a restart.
 */
@Component
@ClusterMode
class ClusterWorkers implements SmartLifecycle, WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(ClusterWorkers.class);
    private static final Duration WATCH = Duration.ofSeconds(5);
    static final String HAND_OVER = "digitnet_job_hand_over";

    private final ObjectProvider<BackgroundJobServer> server;
    private final JobsSettings settings;
    private final ClusterNotifications notifications;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean started;
    private ScheduledExecutorService watchdog;
    private volatile boolean serverStarted;

    ClusterWorkers(ObjectProvider<BackgroundJobServer> server, JobsSettings settings,
                   ClusterNotifications notifications) {
        this.server = server;
        this.settings = settings;
        this.notifications = notifications;
        notifications.subscribe(HAND_OVER, jobId -> {
            ScheduledExecutorService executor = watchdog;
            if (executor != null && !stopping) {
                executor.execute(this::lookForWork);
            }
        });
    }

    /** Tells every instance that a job was enqueued again by one that shuts down. */
    void handedOver(String jobId) {
        try {
            notifications.publish(HAND_OVER, jobId);
        } catch (RuntimeException e) {
            log.debug("Hand-over of job {} not announced (taken at the next poll): {}", jobId, e.getMessage());
        }
    }

    /**
     * JobRunr's server onboards new work at each poll and whenever a worker turns idle; this asks it to look now
     * (occupied then idle: the worker count is unchanged, and the onboarding is JobRunr's own, under its lock).
     */
    private void lookForWork() {
        BackgroundJobServer jobServer = server.getIfAvailable();
        if (stopping || jobServer == null || !jobServer.isRunning() || jobServer.isNotReadyToProcessJobs()) {
            return;
        }
        try {
            JobSteward steward = jobServer.getJobSteward();
            steward.notifyThreadOccupied();
            steward.notifyThreadIdle();
        } catch (RuntimeException e) {
            log.debug("Could not look for work at once (taken at the next poll): {}", e.getMessage());
        }
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
        BackgroundJobServer jobServer = server.getIfAvailable();
        if (jobServer != null && jobServer.isRunning()) {
            try {
                // else the worker that turns idle would take the job it just handed over
                jobServer.pauseProcessing();
            } catch (RuntimeException e) {
                log.debug("JobRunr's server not paused: {}", e.getMessage());
            }
        }
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
