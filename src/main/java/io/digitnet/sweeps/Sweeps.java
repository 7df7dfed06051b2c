package io.digitnet.sweeps;

import io.digitnet.training.JobNotCancellableException;
import io.digitnet.training.JobNotFoundException;
import io.digitnet.training.TrainingJobs;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** What the outside world can do with sweeps: start, look at, list, cancel. {@link SweepFeeder} runs them. */
@Service
public class Sweeps {

    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);
    private static final Comparator<Sweep> OLDEST_FIRST = Comparator.comparing(Sweep::createdAt)
            .thenComparing(Sweep::id);

    /** One page of sweeps, newest first; {@code page} counts from 0. */
    public record SweepPage(List<SweepSnapshot> content, int page, int size, long totalElements) {
    }

    private final SweepPlanner planner;
    private final SweepRepository repository;
    private final TrainingJobs jobs;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Sweep> sweeps = new ConcurrentHashMap<>();

    Sweeps(SweepPlanner planner, SweepRepository repository, TrainingJobs jobs, ApplicationEventPublisher events) {
        this.planner = planner;
        this.repository = repository;
        this.jobs = jobs;
        this.events = events;
        repository.findAll().forEach(s -> sweeps.put(s.id(), Sweep.restore(s)));
    }

    /**
     * Checks the request, stores the sweep RUNNING with its trials PENDING, and lets the feeder queue them.
     *
     * @throws InvalidSweepException naming each bad field
     */
    public SweepSnapshot start(SweepSpec spec) {
        SweepPlanner.Planned planned = planner.plan(spec);
        Sweep sweep = Sweep.create(UUID.randomUUID().toString(), planned.plan(), planned.trials(), clock.instant());
        SweepSnapshot snapshot = sweep.snapshot();
        repository.save(snapshot);
        sweeps.put(sweep.id(), sweep);
        log.info("Sweep {} started: {} trial(s)", sweep.id(), snapshot.trials().size());
        events.publishEvent(new SweepEvent.SweepStarted(snapshot));
        return snapshot;
    }

    /** @throws SweepNotFoundException when there is no such sweep */
    public SweepSnapshot get(String id) {
        return sweep(id).snapshot();
    }

    public SweepPage list(int page, int size) {
        List<SweepSnapshot> all = sweeps.values().stream().sorted(OLDEST_FIRST.reversed()).map(Sweep::snapshot)
                .toList();
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
        Sweep sweep = sweep(id);
        List<String> active;
        SweepSnapshot snapshot;
        // The sweep's lock: the feeder never queues a trial of a sweep being cancelled.
        synchronized (sweep) {
            active = sweep.cancel(clock.instant());
            for (String jobId : active) {
                try {
                    jobs.cancel(jobId);
                } catch (JobNotCancellableException | JobNotFoundException e) {
                    // ended on its own meanwhile
                }
            }
            snapshot = sweep.snapshot();
            repository.save(snapshot);
        }
        log.info("Sweep {} cancelled ({} trial job(s) cancelled)", id, active.size());
        events.publishEvent(new SweepEvent.SweepEnded(snapshot));
        return snapshot;
    }

    public long count(SweepStatus status) {
        return sweeps.values().stream().filter(s -> s.status() == status).count();
    }

    /** Running sweeps, oldest first: the feeder's order. */
    List<Sweep> running() {
        return sweeps.values().stream().filter(s -> s.status() == SweepStatus.RUNNING).sorted(OLDEST_FIRST)
                .toList();
    }

    void save(SweepSnapshot snapshot) {
        repository.save(snapshot);
    }

    private Sweep sweep(String id) {
        Sweep sweep = sweeps.get(id);
        if (sweep == null) {
            throw new SweepNotFoundException(id);
        }
        return sweep;
    }
}
