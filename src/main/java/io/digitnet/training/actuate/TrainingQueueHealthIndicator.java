package io.digitnet.training.actuate;

import io.digitnet.training.JobQueue;
import io.digitnet.training.JobRepository;
import io.digitnet.training.JobStatus;
import io.digitnet.training.TrainingJobs;
import io.digitnet.training.WorkerAvailability;
import io.digitnet.training.WorkerPool;
import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code trainingQueue}: UP while every worker thread is alive (and none died unreplaced), with the queue's fill and any
 * job records that could not be read at start-up (reported, not fatal).
 */
@Component
class TrainingQueueHealthIndicator extends AbstractHealthIndicator {

    private final WorkerPool workers;
    private final JobQueue queue;
    private final TrainingJobs jobs;
    private final JobRepository repository;
    private final WorkerAvailability availability;

    TrainingQueueHealthIndicator(WorkerPool workers, JobQueue queue, TrainingJobs jobs,
                                 JobRepository repository, WorkerAvailability availability) {
        super("Training queue health check failed");
        this.workers = workers;
        this.queue = queue;
        this.jobs = jobs;
        this.repository = repository;
        this.availability = availability;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int alive = workers.alive();
        String broken = availability.brokenReason().orElse(null);
        (alive == workers.size() && broken == null ? builder.up() : builder.down())
                .withDetail("workers", workers.size())
                .withDetail("workersAlive", alive)
                .withDetail("running", jobs.count(JobStatus.RUNNING))
                .withDetail("queued", queue.size())
                .withDetail("queueCapacity", queue.capacity());
        if (broken != null) {
            builder.withDetail("broken", broken);
        }
        List<String> unreadable = repository.unreadable();
        if (!unreadable.isEmpty()) {
            builder.withDetail("unreadableJobRecords", unreadable);
        }
    }
}
