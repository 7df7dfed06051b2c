package io.digitnet.sweeps;

import io.digitnet.training.JobNotCancellableException;
import io.digitnet.training.JobNotFoundException;
import io.digitnet.training.TrainingJobs;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** What the outside world can do with sweeps: start, look at, list, cancel. {@link SweepFeeder} runs them. */
@Service
public class Sweeps {

    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

    /** One page of sweeps, newest first; {@code page} counts from 0. */
    public record SweepPage(List<SweepSnapshot> content, int page, int size, long totalElements) {
    }

    private final SweepPlanner planner;
    private final SweepRepository repository;
    private final TrainingJobs jobs;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Sweeps(SweepPlanner planner, SweepRepository repository, TrainingJobs jobs, ApplicationEventPublisher events) {
        this.planner = planner;
        this.repository = repository;
        this.jobs = jobs;
        this.events = events;
    }

    /**
     * Checks the request, stores the sweep RUNNING with its trials PENDING, and lets the feeder queue them.
     *
     * @throws InvalidSweepException naming each bad field
     */
    public SweepSnapshot start(SweepSpec spec) {
        SweepPlanner.Planned planned = planner.plan(spec);
        Sweep sweep = Sweep.create(UUID.randomUUID().toString(), planned.plan(), planned.trials(), clock.instant());
        repository.add(sweep);
        SweepSnapshot snapshot = sweep.snapshot();
        log.info("Sweep {} started: {} trial(s)", sweep.id(), snapshot.trials().size());
        events.publishEvent(new SweepEvent.SweepStarted(snapshot));
        return snapshot;
    }

    /** @throws SweepNotFoundException when there is no such sweep */
    public SweepSnapshot get(String id) {
        return repository.find(id).orElseThrow(() -> new SweepNotFoundException(id));
    }

    public SweepPage list(int page, int size) {
        List<SweepSnapshot> all = repository.findAll();
        int from = (int) Math.min((long) page * size, all.size());
        int to = (int) Math.min((long) from + size, all.size());
        return new SweepPage(all.subList(from, to), page, size, all.size());
    }

    /**
     * Ends the sweep CANCELLED and cancels the jobs of its trials not yet ended.
     *
     * @throws SweepNotFoundException       when there is no such sweep
     * @throws SweepNotCancellableException when it has already ended
     */
    public SweepSnapshot cancel(String id) {
        // Under the sweep's exclusive access: the feeder never queues a trial of a sweep being cancelled.
        SweepRepository.Changed<List<String>> cancelled = repository.change(id, sweep -> sweep.cancel(clock.instant()))
                .orElseThrow(() -> new SweepNotFoundException(id));
        for (String jobId : cancelled.result()) {
            try {
                jobs.cancel(jobId);
            } catch (JobNotCancellableException | JobNotFoundException e) {
                // ended on its own meanwhile
            }
        }
        log.info("Sweep {} cancelled ({} trial job(s) cancelled)", id, cancelled.result().size());
        events.publishEvent(new SweepEvent.SweepEnded(cancelled.sweep()));
        return cancelled.sweep();
    }

    public long count(SweepStatus status) {
        return repository.count(status);
    }
}
