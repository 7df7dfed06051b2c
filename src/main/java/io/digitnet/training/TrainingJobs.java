package io.digitnet.training;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** What the outside world can do with training jobs: submit, look at, list, cancel. */
@Service
public class TrainingJobs {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobs.class);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final JobConfigResolver resolver;
    private final JobRepository repository;
    private final JobQueue queue;
    private final ApplicationEventPublisher events;
    private final JobsSettings settings;
    private final WorkerAvailability workers;
    private final Clock clock = Clock.systemUTC();

    TrainingJobs(JobConfigResolver resolver, JobRepository repository, JobQueue queue,
                 ApplicationEventPublisher events, JobsSettings settings, WorkerAvailability workers) {
        this.resolver = resolver;
        this.repository = repository;
        this.queue = queue;
        this.events = events;
        this.settings = settings;
        this.workers = workers;
    }

    /**
     * @throws InvalidJobRequestException naming each bad field
     * @throws JobQueueFullException      when no more jobs may wait
     * @throws TrainingUnavailableException when no worker can run jobs any more
     */
    public JobSnapshot submit(JobSpec spec) {
        return submit(spec, List.of());
    }

    /**
     * As {@link #submit(JobSpec)}, with problems already found while reading the request (such as unknown fields),
     * so that all of them are reported together.
     */
    public JobSnapshot submit(JobSpec spec, List<JobViolation> readErrors) {
        return submit(spec, readErrors, null);
    }

    /** As {@link #submit(JobSpec)}, for a trial of the sweep {@code sweepId}, which the job records. */
    public JobSnapshot submitTrial(JobSpec spec, String sweepId) {
        return submit(spec, List.of(), Objects.requireNonNull(sweepId));
    }

    private JobSnapshot submit(JobSpec spec, List<JobViolation> readErrors, String sweepId) {
        JobConfig config = resolver.resolve(spec, readErrors);
        workers.requireWorking();
        // Capacity is checked and taken under one lock; workers only ever make room.
        return queue.whileSubmitting(() -> {
            if (queue.size() >= queue.capacity()) {
                throw new JobQueueFullException(queue.capacity(), retryAfter());
            }
            TrainingJob job = TrainingJob.create(UUID.randomUUID().toString(), spec.name() == null ? null
                    : spec.name().strip(), config, clock.instant(), sweepId);
            repository.add(job);
            JobSnapshot queued = job.snapshot();
            events.publishEvent(new JobQueued(queued));
            if (!queue.offer(job.id())) {
                throw new IllegalStateException("queue refused job " + job.id() + " below its capacity");
            }
            return queued;
        });
    }

    /** @throws JobNotFoundException when there is no such job */
    public JobSnapshot get(String id) {
        return job(id).snapshot();
    }

    /** Jobs with one of the given statuses (all when empty), newest first. */
    public JobPage list(Set<JobStatus> statuses, int page, int size) {
        return list(statuses, null, page, size);
    }

    /** As {@link #list(Set, int, int)}, only the trials of the sweep {@code sweepId} unless it is null. */
    public JobPage list(Set<JobStatus> statuses, String sweepId, int page, int size) {
        List<JobSnapshot> matching = repository.findAll().stream().map(TrainingJob::snapshot)
                .filter(job -> statuses.isEmpty() || statuses.contains(job.status()))
                .filter(job -> sweepId == null || sweepId.equals(job.sweepId())).toList();
        int from = (int) Math.min((long) page * size, matching.size());
        int to = Math.min(from + size, matching.size());
        return new JobPage(matching.subList(from, to), page, size, matching.size());
    }

    /**
     * Cancels a queued job at once or asks a running one to stop at its next iteration.
     *
     * @throws JobNotFoundException        when there is no such job
     * @throws JobNotCancellableException when it has already finished
     */
    public JobSnapshot cancel(String id) {
        TrainingJob job = job(id);
        JobCancelled cancelled = job.requestCancel(clock.instant());
        if (cancelled != null) {
            queue.remove(id);
            events.publishEvent(cancelled);
            return cancelled.job();
        }
        JobSnapshot requested = job.snapshot();
        repository.saveCancelRequest(requested);
        log.info("Job {} asked to stop", id);
        return requested;
    }

    /** Jobs with this status right now. */
    public List<JobSnapshot> withStatus(JobStatus status) {
        return repository.findAll().stream().map(TrainingJob::snapshot).filter(j -> j.status() == status).toList();
    }

    /** Queued jobs in the order they will run. */
    public List<JobSnapshot> queued() {
        return queue.ids().stream().flatMap(id -> repository.find(id).stream()).map(TrainingJob::snapshot)
                .filter(job -> job.status() == JobStatus.QUEUED).toList();
    }

    public long count(JobStatus status) {
        return repository.findAll().stream().filter(job -> job.status() == status).count();
    }

    /**
     * After a restart: jobs found RUNNING were interrupted by a crash and go back to the queue (to resume from
     * their checkpoint), ahead of the jobs that were still waiting, which keep their order.
     */
    void recover() {
        List<TrainingJob> all = new ArrayList<>(repository.findAll());
        all.sort(Comparator.comparing(TrainingJob::createdAt).thenComparing(TrainingJob::id));
        List<String> interrupted = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (TrainingJob job : all) {
            JobStatus status = job.status();
            if (status == JobStatus.RUNNING) {
                events.publishEvent(job.interrupt("the service stopped while the job was running; "
                        + "it resumes from its last completed epoch"));
                if (job.cancelRequested()) {
                    // Asked to stop before the crash: it would only be cancelled at its first iteration.
                    events.publishEvent(job.requestCancel(clock.instant()));
                } else {
                    interrupted.add(job.id());
                }
            } else if (status == JobStatus.QUEUED) {
                (job.snapshot().startedAt() != null ? interrupted : waiting).add(job.id());
            }
        }
        List<String> order = new ArrayList<>(interrupted);
        order.addAll(waiting);
        queue.restore(order);
        if (!order.isEmpty()) {
            log.info("Recovered {} job(s): {} to resume, {} waiting", order.size(), interrupted.size(),
                    waiting.size());
        }
    }

    Optional<TrainingJob> find(String id) {
        return repository.find(id);
    }

    private TrainingJob job(String id) {
        return repository.find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    /** When a slot is likely to free up: the soonest end of a running job, else the configured default. */
    private Duration retryAfter() {
        return withStatus(JobStatus.RUNNING).stream().map(JobSnapshot::etaSeconds).filter(eta -> eta != null)
                .min(Double::compare)
                .map(eta -> Duration.ofSeconds((long) Math.ceil(Math.max(1, eta))))
                .map(eta -> eta.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : eta)
                .orElse(settings.retryAfter());
    }
}
