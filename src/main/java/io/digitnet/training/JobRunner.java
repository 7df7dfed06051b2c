package io.digitnet.training;

import io.digitnet.datasets.Dataset;
import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Checkpoint;
import io.digitnet.nn.EpochStats;
import io.digitnet.nn.GradientCheck;
import io.digitnet.nn.LabeledData;
import io.digitnet.nn.NativeThreads;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Trainer;
import io.digitnet.nn.TrainingCancelledException;
import io.digitnet.nn.TrainingDivergedException;
import io.digitnet.nn.TrainingListener;
import io.digitnet.nn.TrainingResult;
import io.digitnet.nn.TwoLayerNet;
import io.digitnet.system.InstanceId;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Trains one job on the calling worker thread, from fresh weights or from its checkpoint, and tells the world
 * through events; stores the model when it succeeds.
 */
@Component
class JobRunner {

    static final int GRADIENT_CHECK_HIDDEN = 10;
    /** A test accuracy at most this many times chance (1 / classes) earns a warning. */
    static final double CHANCE_FACTOR = 1.5;
    static final String SHUTDOWN = "the service shut down while the job was running; "
            + "it resumes from its last completed epoch at the next start";
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final DatasetCatalog datasets;
    private final ModelStore models;
    private final Checkpoints checkpoints;
    private final JobRepository repository;
    private final CheckpointWriter checkpointWriter;
    private final ApplicationEventPublisher events;
    private final JobsSettings settings;
    private final InstanceId instance;
    private final Clock clock = Clock.systemUTC();

    JobRunner(DatasetCatalog datasets, ModelStore models, Checkpoints checkpoints, JobRepository repository,
              ApplicationEventPublisher events, JobsSettings settings, InstanceId instance) {
        this.repository = repository;
        this.instance = instance;
        this.datasets = datasets;
        this.models = models;
        this.checkpoints = checkpoints;
        this.checkpointWriter = new CheckpointWriter(checkpoints);
        this.events = events;
        this.settings = settings;
    }

    @PreDestroy
    void close() throws InterruptedException {
        checkpointWriter.close();
    }

    /** Runs a QUEUED job to its end, or until {@code stopping} says the service shuts down. */
    void run(TrainingJob job, BooleanSupplier stopping) {
        JobConfig config = job.config();
        try {
            Checkpoint checkpoint = checkpoints.load(job.id(), config).orElse(null);
            List<EpochRecord> resumeFrom = checkpoint == null ? null
                    : checkpoint.history().stream().map(EpochRecord::of).toList();
            events.publishEvent(job.start(clock.instant(), resumeFrom, instance.get()));
            log.info("Job {} started{}", job.id(), checkpoint == null ? ""
                    : " (resumed after epoch " + checkpoint.completedEpochs() + ")");
            train(job, checkpoint, stopping);
        } catch (CheckpointUnreadableException e) {
            log.warn("Job {} cannot resume: {}", job.id(), e.getMessage());
            events.publishEvent(job.fail("cannot resume after a restart: " + e.getMessage(), clock.instant()));
        } catch (IllegalJobTransitionException e) {
            // Cancelled between the queue and the start: nothing to run.
            log.info("Job {} not started: {}", job.id(), e.getMessage());
        } catch (EndWrites.EndNotStoredException e) {
            log.warn("Job {} stays RUNNING, as its record says, and resumes at the next start: {}", job.id(),
                    e.getMessage());
        } catch (JobLeaseLostException e) {
            // Another instance took the job over (this one stalled): it writes nothing more and stops here.
            log.warn("Job {} stopped here: {}", job.id(), e.getMessage());
        } catch (DataAccessException e) {
            // Cluster mode, database away: the job is not failed for that; its runner retries it from its checkpoint.
            log.warn("Job {} stopped: the database cannot be reached ({})", job.id(), e.getMessage());
            throw e;
        }
    }

    private void train(TrainingJob job, Checkpoint checkpoint, BooleanSupplier stopping) {
        JobConfig config = job.config();
        try {
            if (NativeThreads.configured() != settings.threads()) {
                NativeThreads.set(settings.threads());
            }
            Dataset dataset = datasets.load(config.dataset());
            TrainingData data = TrainingData.of(dataset, config);
            if (config.gradientCheck() && job.snapshot().gradientCheckError() == null) {
                long start = System.nanoTime();
                double error = gradientCheck(config, data, dataset.classCount());
                job.recordGradientCheck(error);
                log.info("Job {}: gradient check max relative error {} ({} ms)", job.id(), error,
                        (System.nanoTime() - start) / 1_000_000);
            }
            // one output per class of the dataset
            Trainer trainer = new Trainer(config.trainerConfig(), data.train(), data.validation(), data.test(),
                    dataset.classCount());
            Reporter reporter = new Reporter(job, checkpoint == null ? 0 : checkpoint.iteration(), stopping);
            BooleanSupplier cancelled = () -> job.cancelRequested() || stopping.getAsBoolean();
            TrainingResult result = checkpoint == null ? trainer.train(reporter, cancelled)
                    : trainer.resume(checkpoint, reporter, cancelled);
            checkpointWriter.finish(job.id(), false);
            ModelDraft draft = draft(job, result, dataset.classNames());
            repository.checkHeld(job.id()); // a stalled instance that lost the job stores no model of its own
            ModelMetadata model = EndWrites.whenStored(job.id(), () -> models.save(draft, result.parameters()),
                    stopping);
            end(job, () -> job.succeed(model.id(), draft.warnings(), clock.instant()), stopping);
            log.info("Job {} succeeded: model {}{}", job.id(), model.id(),
                    draft.warnings().isEmpty() ? "" : " with warnings " + draft.warnings());
        } catch (JobLeaseLostException | DataAccessException | EndWrites.EndNotStoredException e) {
            throw e;
        } catch (TrainingDivergedException e) {
            // Nothing worth storing: the weights are NaN or infinite.
            checkpointWriter.finish(job.id(), false);
            log.info("Job {} failed: {}", job.id(), e.getMessage());
            end(job, () -> job.fail(e.getMessage(), clock.instant()), stopping);
        } catch (TrainingCancelledException e) {
            // a job that resumes later needs its latest checkpoint on disk; a cancelled one's is deleted
            checkpointWriter.finish(job.id(), !job.cancelRequested());
            if (job.cancelRequested()) {
                end(job, () -> job.cancelled(clock.instant()), stopping);
                log.info("Job {} cancelled", job.id());
            } else {
                events.publishEvent(job.interrupt(SHUTDOWN));
                log.info("Job {} interrupted by shutdown; it resumes at the next start", job.id());
            }
        } catch (Exception | OutOfMemoryError e) {
            checkpointWriter.finish(job.id(), false);
            log.error("Job {} failed", job.id(), e);
            end(job, () -> job.fail(reason(e), clock.instant()), stopping);
        }
    }

    /** Publishes the job's final event once its record is on disk (see {@link EndWrites}). */
    private void end(TrainingJob job, Supplier<JobEvent> transition, BooleanSupplier stopping) {
        EndWrites.whenStored(job.id(), () -> {
            events.publishEvent(transition.get());
            return null;
        }, stopping);
    }

    /**
     * Backprop against central differences (nn's {@link GradientCheck}) before training, with the job's activation,
     * weight init and seed on real training samples, but on a small net: 7×7-pooled images and at most
     * {@value #GRADIENT_CHECK_HIDDEN} hidden units. The same code paths are checked; the job's own net would need
     * two forward passes for each of its ~40,000+ weights, minutes instead of a second.
     */
    private double gradientCheck(JobConfig config, TrainingData data, int classes) {
        LabeledData batch = data.firstTrainingSamplesPooled(settings.gradientCheckSamples());
        Parameters parameters = Parameters.initialize((int) batch.x().size(1),
                Math.min(config.hiddenSize(), GRADIENT_CHECK_HIDDEN), classes, config.trainerConfig().weightInit(),
                config.seed(), DataType.DOUBLE);
        return GradientCheck.maxRelativeError(new TwoLayerNet(parameters, config.trainerConfig().activation()),
                batch);
    }

    /**
     * Final metrics are those of the weights actually stored (the best ones under early stopping), as the trainer
     * measured them: the test accuracy exactly, train loss and accuracy as the job's trainMetrics say.
     */
    private static ModelDraft draft(TrainingJob job, TrainingResult result, List<String> classNames) {
        JobSnapshot snapshot = job.snapshot();
        JobConfig config = snapshot.config();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("testAccuracy", result.testAccuracy());
        metrics.put("trainAccuracy", result.trainAccuracy());
        metrics.put("trainLoss", result.trainLoss());
        metrics.put("epochs", result.history().size());
        metrics.put("iterations", result.iterations());
        metrics.put("stoppedEarly", result.stoppedEarly());
        metrics.put("trainingSeconds", result.history().stream().mapToDouble(EpochStats::seconds).sum());
        return new ModelDraft(snapshot.name(), config.activation(), config.dataset(), config.asMap(), metrics,
                snapshot.id(), warnings(result.testAccuracy(), classNames.size()), classNames);
    }

    /** A run no better than chance (test accuracy at most 1.5 / classes) is stored, but flagged. */
    static List<String> warnings(double testAccuracy, int classes) {
        double chance = 1.0 / classes;
        if (testAccuracy > CHANCE_FACTOR * chance) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "test accuracy %.4f is no better than chance (%.2f for %d "
                + "classes): this model is never chosen by default; try another learningRate or more training",
                testAccuracy, chance, classes));
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        return e instanceof OutOfMemoryError ? "out of memory: " + message : message;
    }

    /** Turns the trainer's callbacks into job updates, throttled progress events and checkpoints. */
    private final class Reporter implements TrainingListener {

        private final TrainingJob job;
        private final long firstIteration;
        private final long startNanos = System.nanoTime();
        private final long intervalNanos = settings.progressInterval().toNanos();
        private long lastEventNanos;
        private boolean firstEvent = true;

        private final BooleanSupplier stopping;

        Reporter(TrainingJob job, long firstIteration, BooleanSupplier stopping) {
            this.job = job;
            this.firstIteration = firstIteration;
            this.stopping = stopping;
        }

        @Override
        public void onIteration(int epoch, long iteration, long totalIterations, double loss) {
            long now = System.nanoTime();
            long done = iteration - firstIteration;
            Double eta = done <= 0 ? null : (now - startNanos) / 1e9 / done * (totalIterations - iteration);
            job.progressed(epoch, iteration, totalIterations, loss, eta);
            if (firstEvent || now - lastEventNanos >= intervalNanos || iteration == totalIterations) {
                firstEvent = false;
                lastEventNanos = now;
                events.publishEvent(new JobProgressed(job.snapshot()));
            }
        }

        @Override
        public void onEpoch(EpochStats stats, Checkpoint checkpoint) {
            // written in the background; none after the last planned epoch, whose weights are stored next
            if (stats.epoch() < job.config().plannedEpochs()) {
                checkpointWriter.submit(job.id(), job.config(), checkpoint);
            }
            // an epoch's record waits for space like the job's end: the history on disk has no gaps
            EndWrites.whenStored(job.id(), () -> {
                events.publishEvent(job.epochCompleted(EpochRecord.of(stats)));
                return null;
            }, stopping);
        }
    }
}
