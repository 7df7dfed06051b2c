package io.digitnet.training.actuate;

import io.digitnet.training.JobQueue;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobStatus;
import io.digitnet.training.TrainingJobs;
import io.digitnet.training.WorkerPool;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code /actuator/training}: the running and queued jobs with their progress. */
@Component
@Endpoint(id = "training")
class TrainingEndpoint {

    private final TrainingJobs jobs;
    private final JobQueue queue;
    private final WorkerPool workers;

    TrainingEndpoint(TrainingJobs jobs, JobQueue queue, WorkerPool workers) {
        this.jobs = jobs;
        this.queue = queue;
        this.workers = workers;
    }

    public record Overview(int workers, int queueCapacity, List<Entry> running, List<Entry> queued) {
    }

    public record Entry(String id, String name, JobStatus status, double progress, int epoch, int epochs,
                        long iteration, long iterations, Double loss, Double etaSeconds, Instant createdAt,
                        Instant startedAt) {

        static Entry of(JobSnapshot job) {
            return new Entry(job.id(), job.name(), job.status(), job.progress(), job.epoch(), job.epochs(),
                    job.iteration(), job.iterations(), job.loss(), job.etaSeconds(), job.createdAt(),
                    job.startedAt());
        }
    }

    @ReadOperation
    public Overview overview() {
        List<Entry> queued = jobs.queued().stream().map(Entry::of).toList();
        List<Entry> running = jobs.withStatus(JobStatus.RUNNING).stream().map(Entry::of).toList();
        return new Overview(workers.size(), queue.capacity(), running, queued);
    }
}
