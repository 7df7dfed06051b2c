package io.digitnet.training;

import io.digitnet.datasets.Dataset;
import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.datasets.UnknownDatasetException;
import io.digitnet.nn.Activation;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.WeightInit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;

/** Small builders shared by the training tests. */
public final class TestJobs {

    private TestJobs() {
    }

    /** mnist-sized epochs: 60,000 samples, batch 100, 600 iterations per epoch. */
    public static JobConfig config(int epochs) {
        return new JobConfig("mnist", 50, Activation.SIGMOID, WeightInit.STD, OptimizerType.SGD, 0.1, 100, epochs,
                null, 42, false, null, null, 60_000, false);
    }

    public static TrainingJob job(String id, int epochs) {
        return TrainingJob.create(id, "test", config(epochs), Instant.parse("2026-01-01T00:00:00Z"));
    }

    public static JobsSettings settings(Path dir, int queueCapacity) {
        return new JobsSettings(dir, 1, queueCapacity, 1, 1000, 6_000_000, 0.1, 5, Duration.ofMillis(250), 4,
                Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofSeconds(15));
    }

    /** The job service over a file repository in {@code dir} and an in-memory queue, without workers. */
    public static TrainingJobs trainingJobs(Path dir, ApplicationEventPublisher events) {
        JobsSettings settings = settings(dir, 10);
        return new TrainingJobs(new JobConfigResolver(sizesOnlyCatalog(), settings),
                new FileJobRepository(settings), new InMemoryJobQueue(settings), events, settings,
                new WorkerAvailability(events));
    }

    /**
     * A catalog with the real datasets' sizes that refuses to load them: the resolver only needs the names and the
     * number of training samples, and must not read a dataset's pixels on the request thread.
     */
    public static DatasetCatalog sizesOnlyCatalog() {
        return new DatasetCatalog() {
            @Override
            public Set<String> names() {
                return Set.of("mnist", "fashion-mnist");
            }

            @Override
            public Dataset load(String name) {
                throw new AssertionError("dataset '" + name + "' loaded where only its size was needed");
            }

            @Override
            public int trainSize(String name) {
                if (!names().contains(name)) {
                    throw new UnknownDatasetException(name, names());
                }
                return 60_000;
            }
        };
    }
}
