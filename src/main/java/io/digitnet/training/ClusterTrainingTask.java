package io.digitnet.training;

import io.digitnet.system.ClusterMode;
import java.time.Clock;
import java.util.Optional;
import org.jobrunr.jobs.annotations.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a JobRunr worker runs in cluster mode: claims the training job (owner and fence), resumes it from its
 * checkpoint when it ran before (JobRunr retries the jobs of a dead server from scratch; resuming is ours), trains it
 * with the same {@link JobRunner} as the file mode, and hands it back to the queue when this instance shuts down.
 */
@Component
@ClusterMode
public class ClusterTrainingTask {

    static final String TAKEN_OVER = "the instance running it stopped; it resumes from its last completed epoch";
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
        leases.hold(jobId, claim.get().fence(), job);
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
            runner.run(job, workers::stopping);
        } finally {
            workers.running(-1);
            boolean handOver = job.status() == JobStatus.QUEUED && leases.get(jobId).isEmpty();
            leases.release(jobId);
            if (handOver) {
                queue.offer(jobId);
                log.info("Job {} handed over to the other instances", jobId);
            }
        }
    }
}
