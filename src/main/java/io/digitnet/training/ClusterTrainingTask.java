package io.digitnet.training;

import io.digitnet.system.ClusterMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jobrunr.jobs.annotations.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * What a JobRunr worker runs in cluster mode: claims the training job (owner and fence), resumes it from its
 * checkpoint when it ran before (JobRunr retries the jobs of a dead server from scratch; resuming is ours), trains it
 * with the same {@link JobRunner} as the file mode, and hands it back to the queue when this instance shuts down.
 * When the database goes away under a running job, the job waits here for it and then goes on from its last
 * checkpoint, unless another instance took it over meanwhile (the fence tells).
 */
@Component
@ClusterMode
public class ClusterTrainingTask {

    static final String TAKEN_OVER = "the instance running it stopped; it resumes from its last completed epoch";
    static final String DATABASE_RETURNED = "the database was away; it resumes from its last completed epoch";
    private static final Duration OUTAGE_POLL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ClusterTrainingTask.class);

    private final PostgresJobRepository repository;
    private final JobLeases leases;
    private final JobRunner runner;
    private final JobQueue queue;
    private final ClusterWorkers workers;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    ClusterTrainingTask(PostgresJobRepository repository, JobLeases leases, JobRunner runner, JobQueue queue,
                        ClusterWorkers workers, ApplicationEventPublisher events) {
        this.repository = repository;
        this.leases = leases;
        this.runner = runner;
        this.queue = queue;
        this.workers = workers;
        this.events = events;
    }

    @Job(name = "training job %0", retries = 10)
    public void run(String jobId) {
        if (workers.stopping()) {
            // JobRunr retries it shortly, on an instance that is not shutting down
            throw new IllegalStateException("instance shutting down; job " + jobId + " left to another instance");
        }
        Optional<PostgresJobRepository.Claim> claim = repository.claim(jobId);
        if (claim.isEmpty()) {
            if (!repository.exists(jobId)) {
                // Queued inside a transaction that has not committed yet (a sweep queues its trials while it holds
                // its row) or that rolled back: JobRunr retries shortly, and gives up if the job never appears.
                throw new IllegalStateException("job " + jobId + " is not stored (yet); retried later");
            }
            log.info("Job {} needs no run (it has ended)", jobId);
            return;
        }
        TrainingJob job = claim.get().job();
        long fence = claim.get().fence();
        leases.hold(jobId, fence, job);
        workers.running(1);
        try {
            if (job.status() == JobStatus.RUNNING) {
                // Its instance died or stalled: it goes on from its last checkpoint (the start below says so).
                job.interrupt(TAKEN_OVER);
                log.info("Job {} taken over from an instance that stopped", jobId);
            }
            if (claim.get().cancelRequested()) {
                JobCancelled cancelled = job.requestCancel(clock.instant());
                if (cancelled != null) {
                    events.publishEvent(cancelled);
                    return;
                }
            }
            while (true) {
                try {
                    runner.run(job, workers::stopping);
                    return;
                } catch (DataAccessException e) {
                    // the database went away: wait here for it, then go on from the last checkpoint, unless
                    // another instance took the job over meanwhile
                    if (!awaitDatabase(jobId)) {
                        throw e; // shutting down: JobRunr hands the job out again once it sees this server gone
                    }
                    Optional<PostgresJobRepository.Claim> again = repository.reclaim(jobId, fence);
                    if (again.isEmpty()) {
                        log.info("Job {} was taken over or ended meanwhile; it stops here", jobId);
                        return;
                    }
                    job = again.get().job();
                    fence = again.get().fence();
                    leases.hold(jobId, fence, job);
                    job.interrupt(DATABASE_RETURNED);
                    log.info("Job {} goes on after the database outage", jobId);
                }
            }
        } finally {
            workers.running(-1);
            boolean handOver = job.status() == JobStatus.QUEUED && leases.get(jobId).isEmpty();
            leases.release(jobId);
            if (handOver) {
                queue.offer(jobId);
                workers.handedOver(jobId);
                log.info("Job {} handed over to the other instances", jobId);
            }
        }
    }

    /** Waits for the database to answer again; false when this instance shuts down (or is interrupted) first. */
    private boolean awaitDatabase(String jobId) {
        log.warn("Job {}: the database cannot be reached; waiting for it", jobId);
        try {
            while (!repository.reachable()) {
                if (workers.stopping()) {
                    return false;
                }
                Thread.sleep(OUTAGE_POLL.toMillis());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
