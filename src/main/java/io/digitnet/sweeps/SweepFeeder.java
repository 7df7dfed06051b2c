package io.digitnet.sweeps;

import io.digitnet.models.ModelRegistry;
import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobCancelled;
import io.digitnet.training.JobEvent;
import io.digitnet.training.JobNotCancellableException;
import io.digitnet.training.JobNotFoundException;
import io.digitnet.training.JobProgressed;
import io.digitnet.training.JobQueue;
import io.digitnet.training.JobQueueFullException;
import io.digitnet.training.JobQueued;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobSpec;
import io.digitnet.training.JobStatus;
import io.digitnet.training.JobViolation;
import io.digitnet.training.TrainingJobs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the sweeps, on one thread of its own: brings each running sweep's trials up to date with their jobs, applies
 * the median stopping rule, queues further trials while workers free up, and ends the sweep (promoting its best model)
 * once every trial has ended. It looks at every poll interval and at once after a job event.
 *
 * <p>Feeding never takes the whole queue: a sweep queues a trial only while fewer than {@code maxParallel} of its
 * trials are queued or running and more than {@code digitnet.sweeps.queue-reserve} queue slots are free.
 * The trials' state is read from their jobs, so a restart (or a missed event) only delays it.
 *
 * <p>In cluster mode every instance runs a feeder over the same sweeps: each look holds the sweep's row (see
 * {@link PostgresSweepRepository}), so the looks take turns, a trial is queued once, and {@code maxParallel} and the
 * queue reserve count the trials and jobs of the whole cluster. Whichever instance survives goes on feeding.
 */
@Component
class SweepFeeder {

    private static final Logger log = LoggerFactory.getLogger(SweepFeeder.class);

    private final SweepRepository repository;
    private final TrainingJobs jobs;
    private final JobQueue queue;
    private final ModelRegistry models;
    private final ApplicationEventPublisher events;
    private final SweepsSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "sweep-feeder");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean woken = new AtomicBoolean();
    private final FailureStreak listing = new FailureStreak(log, "Listing the running sweeps", Duration.ofMinutes(1),
            Clock.systemUTC());
    private volatile boolean running;

    SweepFeeder(SweepRepository repository, TrainingJobs jobs, JobQueue queue, ModelRegistry models,
                ApplicationEventPublisher events, SweepsSettings settings) {
        this.repository = repository;
        this.jobs = jobs;
        this.queue = queue;
        this.models = models;
        this.events = events;
        this.settings = settings;
    }

    /** After the training workers have recovered their jobs: re-attach to the trials and start feeding. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        running = true;
        thread.execute(this::adoptOrphans);
        long interval = settings.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        wake();
    }

    /** Before the workers stop: no trial is queued during shutdown; a look in progress finishes its writes. */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        running = false;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The sweep feeder did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @EventListener
    void on(JobEvent event) {
        // Any job that starts or ends may free a queue slot; a trial's epoch may stop it.
        if (!(event instanceof JobProgressed) && !(event instanceof JobQueued)) {
            wake();
        }
    }

    @EventListener
    void on(SweepEvent.SweepStarted event) {
        wake();
    }

    /** Cluster mode: a sweep started, or a trial ended, on another instance; this one helps feed it at once. */
    @EventListener
    void on(RemoteSweepEvent event) {
        if (event.event() instanceof SweepEvent.SweepStarted
                || event.event() instanceof SweepEvent.TrialChanged changed && changed.trial().status().isFinal()) {
            wake();
        }
    }

    private void wake() {
        if (running && woken.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    woken.set(false);
                    tick();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                woken.set(false);
            }
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        List<String> ids;
        try {
            ids = repository.running();
            listing.succeeded();
        } catch (RuntimeException e) {
            // cluster mode with the database away: an exception would end the periodic looks for good
            listing.failed(e);
            return;
        }
        for (String id : ids) {
            try {
                repository.change(id, this::advance).ifPresent(this::tell);
            } catch (RuntimeException e) {
                log.error("Sweep {}: could not advance; retrying at the next look", id, e);
            }
        }
    }

    /** What a look at a sweep found worth telling, made into events once the sweep is stored. */
    private record Advance(List<Function<SweepSnapshot, SweepEvent>> news, boolean ended) {
    }

    /** One look at a sweep, with exclusive access to it. */
    private Advance advance(Sweep sweep) {
        List<Function<SweepSnapshot, SweepEvent>> news = new ArrayList<>();
        if (sweep.status().isFinal()) {
            return new Advance(news, false);
        }
        reconcile(sweep, news);
        applyStopping(sweep);
        feed(sweep, news);
        boolean ended = sweep.finishIfDone(clock.instant());
        if (ended) {
            promote(sweep);
        }
        return new Advance(news, ended);
    }

    private void tell(SweepRepository.Changed<Advance> changed) {
        SweepSnapshot snapshot = changed.sweep();
        for (Function<SweepSnapshot, SweepEvent> event : changed.result().news()) {
            events.publishEvent(event.apply(snapshot));
        }
        if (changed.result().ended()) {
            log.info("Sweep {} ended {}: {} trial(s){}", snapshot.id(), snapshot.status(), snapshot.trials().size(),
                    snapshot.promotedModelId() == null ? "" : ", " + snapshot.plan().promote() + " -> "
                            + snapshot.promotedModelId());
            events.publishEvent(new SweepEvent.SweepEnded(snapshot));
        }
    }

    /** Each queued or running trial takes its job's state. */
    private void reconcile(Sweep sweep, List<Function<SweepSnapshot, SweepEvent>> news) {
        for (TrialSnapshot before : sweep.active()) {
            TrialSnapshot after;
            try {
                JobSnapshot job = jobs.get(before.jobId());
                Double modelAccuracy = job.status() == JobStatus.SUCCEEDED ? modelTestAccuracy(job.modelId()) : null;
                after = sweep.sync(before.number(), job, modelAccuracy);
            } catch (JobNotFoundException e) {
                after = sweep.submissionFailed(before.number(), "its job " + before.jobId() + " no longer exists");
            }
            if (after == before) {
                continue;
            }
            for (int i = before.epochs().size(); i < after.epochs().size(); i++) {
                TrialEpoch epoch = after.epochs().get(i);
                TrialSnapshot trial = after;
                news.add(s -> new SweepEvent.TrialEpochCompleted(s, trial, epoch));
            }
            if (after.status() != before.status()) {
                TrialSnapshot trial = after;
                news.add(s -> new SweepEvent.TrialChanged(s, trial));
            }
        }
    }

    private void applyStopping(Sweep sweep) {
        MedianStopping rule = sweep.plan().stopping();
        if (rule == null) {
            return;
        }
        List<TrialSnapshot> all = sweep.trials();
        for (TrialSnapshot trial : all) {
            if (trial.status() == TrialStatus.RUNNING && !trial.stopRequested()
                    && rule.shouldStop(trial, all, sweep.plan().metric())) {
                log.info("Sweep {}: trial {} is below the median after epoch {}; stopping it", sweep.id(),
                        trial.number(), trial.epochs().size());
                sweep.stopRequested(trial.number());
                try {
                    jobs.cancel(trial.jobId());
                } catch (JobNotCancellableException | JobNotFoundException e) {
                    // it ended meanwhile: its end counts
                }
            }
        }
    }

    /**
     * Under the queue's submission lock (in cluster mode a database lock held to the end of the sweep's change), so
     * that the free slots counted are still free when the trials take them, whichever instance feeds which sweep.
     */
    private void feed(Sweep sweep, List<Function<SweepSnapshot, SweepEvent>> news) {
        if (sweep.pending().isEmpty() || sweep.active().size() >= sweep.plan().maxParallel()) {
            return;
        }
        queue.whileSubmitting(() -> {
            submit(sweep, news);
            return null;
        });
    }

    private void submit(Sweep sweep, List<Function<SweepSnapshot, SweepEvent>> news) {
        int slots = Math.min(sweep.plan().maxParallel() - sweep.active().size(), freeQueueSlots());
        for (TrialSnapshot trial : sweep.pending()) {
            if (slots <= 0) {
                break;
            }
            List<JobViolation> violations = new ArrayList<>();
            JobSpec spec = SweepPlanner.jobSpec(sweep.plan(), sweep.id(), trial.number(), trial.params(), violations);
            TrialSnapshot after;
            try {
                if (!violations.isEmpty()) {
                    throw new InvalidJobRequestException(violations);
                }
                JobSnapshot job = jobs.submitTrial(spec, sweep.id());
                after = sweep.submitted(trial.number(), job.id());
                slots--;
            } catch (JobQueueFullException e) {
                break;
            } catch (InvalidJobRequestException e) {
                // Valid when the sweep started, refused now (a dataset gone, a limit lowered by a restart).
                after = sweep.submissionFailed(trial.number(), "its job was refused: " + e.getMessage());
            }
            TrialSnapshot changedTrial = after;
            news.add(s -> new SweepEvent.TrialChanged(s, changedTrial));
        }
    }

    /** Queue slots a sweep may take now: those free beyond the reserve for jobs submitted on their own. */
    private int freeQueueSlots() {
        int reserve = Math.min(settings.queueReserve(), queue.capacity() - 1);
        return queue.capacity() - reserve - queue.size();
    }

    private void promote(Sweep sweep) {
        String alias = sweep.plan().promote();
        if (alias == null) {
            return;
        }
        TrialSnapshot best = Leaderboard.best(sweep.trials(), sweep.plan().metric()).orElse(null);
        if (best == null) {
            sweep.promoted(null, "no trial produced a model");
            return;
        }
        try {
            models.moveAlias(best.modelId(), alias);
            sweep.promoted(best.modelId(), null);
        } catch (RuntimeException e) {
            log.warn("Sweep {}: could not point {} at {}: {}", sweep.id(), alias, best.modelId(), e.getMessage());
            sweep.promoted(null, e.getMessage());
        }
    }

    private Double modelTestAccuracy(String modelId) {
        try {
            Object accuracy = models.describe(modelId).metrics().get("testAccuracy");
            return accuracy instanceof Number n ? n.doubleValue() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * After a crash between queueing a trial's job and storing the sweep: the job names its sweep and trial, so the
     * trial takes it instead of being queued twice.
     */
    private void adoptOrphans() {
        try {
            for (String id : repository.running()) {
                repository.change(id, this::adoptOrphans);
            }
        } catch (RuntimeException e) {
            log.warn("Could not re-attach the sweeps' trials: {}", e.getMessage());
        }
    }

    private boolean adoptOrphans(Sweep sweep) {
        List<TrialSnapshot> pending = sweep.pending();
        if (pending.isEmpty()) {
            return false;
        }
        Map<String, String> byName = new HashMap<>();
        jobs.list(Set.of(), 0, Integer.MAX_VALUE).content().stream()
                .filter(job -> sweep.id().equals(job.sweepId()) && job.name() != null)
                .forEach(job -> byName.put(job.name(), job.id()));
        boolean adopted = false;
        for (TrialSnapshot trial : pending) {
            String jobId = byName.get(SweepPlanner.trialName(sweep.plan(), sweep.id(), trial.number()));
            if (jobId != null) {
                sweep.submitted(trial.number(), jobId);
                adopted = true;
                log.info("Sweep {}: trial {} re-attached to job {}", sweep.id(), trial.number(), jobId);
            }
        }
        return adopted;
    }
}
