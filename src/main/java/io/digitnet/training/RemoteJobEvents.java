package io.digitnet.training;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.system.ClusterMode;
import io.digitnet.system.InstanceId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Cluster mode: turns the change notifications of jobs running on other instances into {@link RemoteJobEvent}s here,
 * for the event streams. The job is read from the database (at most about 0.3 s after the change); what changed since
 * the last notification decides the event: its status, new epochs in its history, else progress.
 */
@Component
@ClusterMode
class RemoteJobEvents {

    private record Seen(JobStatus status, int epochs) {
    }

    private final PostgresJobRepository repository;
    private final ApplicationEventPublisher events;
    private final InstanceId instance;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    RemoteJobEvents(ClusterNotifications notifications, PostgresJobRepository repository,
                    ApplicationEventPublisher events, InstanceId instance) {
        this.repository = repository;
        this.events = events;
        this.instance = instance;
        notifications.subscribe(PostgresJobRepository.EVENTS, this::changed);
    }

    private void changed(String payload) {
        String[] parts = payload.split(" ", 2);
        if (parts.length == 2 && parts[1].equals(instance.get())) {
            return; // ours: already published here
        }
        repository.find(parts[0]).map(TrainingJob::snapshot).ifPresent(this::publish);
    }

    private void publish(JobSnapshot job) {
        Seen before = seen.get(job.id());
        List<EpochRecord> history = job.history();
        if (before != null && history.size() > before.epochs()) {
            for (EpochRecord epoch : history.subList(before.epochs(), history.size())) {
                events.publishEvent(new RemoteJobEvent(new EpochCompleted(job, epoch)));
            }
        }
        if (before == null ? job.status() != JobStatus.RUNNING : before.status() != job.status()) {
            events.publishEvent(new RemoteJobEvent(statusEvent(job)));
        } else {
            events.publishEvent(new RemoteJobEvent(new JobProgressed(job)));
        }
        if (job.status().isFinal()) {
            seen.remove(job.id());
        } else {
            seen.put(job.id(), new Seen(job.status(), history.size()));
        }
    }

    private static JobEvent statusEvent(JobSnapshot job) {
        return switch (job.status()) {
            case QUEUED -> new JobInterrupted(job, "handed over to another instance");
            case RUNNING -> new JobStarted(job);
            case SUCCEEDED -> new JobSucceeded(job);
            case FAILED -> new JobFailed(job);
            case CANCELLED -> new JobCancelled(job);
        };
    }
}
