package io.digitnet.training.actuate;

import io.digitnet.training.EpochCompleted;
import io.digitnet.training.JobEvent;
import io.digitnet.training.JobInterrupted;
import io.digitnet.training.JobProgressed;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobStarted;
import io.digitnet.training.JobStatus;
import io.digitnet.training.TrainingJobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Training metrics from job events: per-job gauges (tag {@code job}) that exist only while the job runs, so that
 * finished jobs don't pile up series; job counts by status; completions by outcome; samples; epoch times.
 */
@Component
class JobMetrics {

    private final MeterRegistry registry;
    private final Counter samples;
    private final Timer epochs;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    JobMetrics(MeterRegistry registry, TrainingJobs jobs) {
        this.registry = registry;
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("digitnet.jobs", jobs, j -> j.count(status)).tag("status", lower(status))
                    .description("Training jobs by status").register(registry);
        }
        samples = Counter.builder("digitnet.training.samples")
                .description("Training samples processed (one per sample per epoch)").register(registry);
        epochs = Timer.builder("digitnet.training.epoch")
                .description("Wall time of a training epoch, evaluation included").register(registry);
    }

    @EventListener
    void on(JobEvent event) {
        JobSnapshot job = event.job();
        if (event instanceof JobStarted) {
            running.computeIfAbsent(job.id(), id -> new Running(job)).update(job);
            return;
        }
        Running live = running.get(job.id());
        if (live == null) {
            return;
        }
        live.update(job);
        if (event instanceof EpochCompleted epoch) {
            epochs.record(Duration.ofNanos((long) (epoch.epoch().seconds() * 1e9)));
        }
        if (event.isFinal() || event instanceof JobInterrupted) {
            running.remove(job.id()).close();
            if (event.isFinal()) {
                Counter.builder("digitnet.jobs.completed").tag("outcome", lower(job.status()))
                        .description("Training jobs that ended, by outcome").register(registry).increment();
            }
        }
    }

    private static String lower(JobStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The gauges of one running job; they read the latest values the events brought. */
    private final class Running {

        private final List<Meter> meters = new ArrayList<>();
        private volatile double progress;
        private volatile double loss = Double.NaN;
        private volatile double trainAccuracy = Double.NaN;
        private volatile double testAccuracy = Double.NaN;
        private long countedSamples;

        Running(JobSnapshot job) {
            Tags tags = Tags.of("job", job.id());
            gauge("digitnet.training.progress", tags, r -> r.progress, "Progress of a running job, 0..1");
            gauge("digitnet.training.loss", tags, r -> r.loss, "Loss of the latest iteration of a running job");
            gauge("digitnet.training.accuracy", tags.and("split", "train"), r -> r.trainAccuracy,
                    "Accuracy after the latest epoch of a running job");
            gauge("digitnet.training.accuracy", tags.and("split", "test"), r -> r.testAccuracy,
                    "Accuracy after the latest epoch of a running job");
            countedSamples = job.samples();
        }

        private void gauge(String name, Tags tags, ToDoubleFunction<Running> value, String description) {
            meters.add(Gauge.builder(name, this, value).tags(tags).description(description).strongReference(true)
                    .register(registry));
        }

        synchronized void update(JobSnapshot job) {
            progress = job.progress();
            if (job.loss() != null) {
                loss = job.loss();
            }
            if (!job.history().isEmpty()) {
                var last = job.history().get(job.history().size() - 1);
                trainAccuracy = last.trainAccuracy();
                testAccuracy = last.testAccuracy();
            }
            long total = job.samples();
            if (total > countedSamples) {
                samples.increment(total - countedSamples);
                countedSamples = total;
            }
        }

        void close() {
            meters.forEach(registry::remove);
        }
    }
}
