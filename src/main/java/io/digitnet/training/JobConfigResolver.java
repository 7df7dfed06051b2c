package io.digitnet.training;

import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Names;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainMetrics;
import io.digitnet.nn.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link JobSpec} into the effective {@link JobConfig}: fills in defaults, draws a seed when none is given,
 * and checks every value against the dataset and the configured limits, reporting all violations at once.
 */
@Component
public class JobConfigResolver {

    static final String DEFAULT_DATASET = "mnist";
    static final int DEFAULT_HIDDEN_SIZE = 50;
    static final int DEFAULT_BATCH_SIZE = 100;
    static final int DEFAULT_EPOCHS = 5;
    static final int DEFAULT_PATIENCE = 3;
    static final double MAX_LEARNING_RATE = 10;
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_PATIENCE = 1000;

    private final DatasetCatalog datasets;
    private final JobsSettings settings;

    public JobConfigResolver(DatasetCatalog datasets, JobsSettings settings) {
        this.datasets = datasets;
        this.settings = settings;
    }

    /** The learning rate each optimizer gets when none is given (momentum's velocity amplifies steps ~10x). */
    static double defaultLearningRate(OptimizerType optimizer) {
        return switch (optimizer) {
            case MOMENTUM -> 0.01;
            case ADAM -> 0.001;
            default -> 0.1;
        };
    }

    /** @throws InvalidJobRequestException listing every violation */
    public JobConfig resolve(JobSpec spec) {
        return resolve(spec, List.of());
    }

    /**
     * @param readErrors violations found before (e.g. unknown fields); reported first, with those found here
     * @throws InvalidJobRequestException listing every violation
     */
    public JobConfig resolve(JobSpec spec, List<JobViolation> readErrors) {
        List<JobViolation> violations = new ArrayList<>(readErrors);

        String dataset = lower(spec.dataset(), DEFAULT_DATASET);
        Integer datasetSize = null;
        if (!datasets.names().contains(dataset)) {
            violations.add(new JobViolation("dataset", "unknown dataset '" + spec.dataset() + "'; must be one of: "
                    + datasets.names().stream().sorted().collect(Collectors.joining(", "))));
        } else {
            datasetSize = datasets.trainSize(dataset); // from the dataset's metadata: no pixels on this thread
        }

        int hiddenSize = whole(spec.hiddenSize(), DEFAULT_HIDDEN_SIZE, 1, settings.maxHiddenSize(), "hiddenSize",
                violations);
        Activation activation = oneOf(spec.activation(), Activation.SIGMOID, "activation", violations);
        WeightInit weightInit = oneOf(spec.weightInit(), WeightInit.STD, "weightInit", violations);
        OptimizerType optimizer = oneOf(spec.optimizer(), OptimizerType.SGD, "optimizer", violations);
        TrainMetrics trainMetrics = oneOf(spec.trainMetrics(), TrainMetrics.RUNNING, "trainMetrics", violations);

        double learningRate = spec.learningRate() != null ? spec.learningRate()
                : defaultLearningRate(optimizer == null ? OptimizerType.SGD : optimizer);
        if (!(learningRate > 0 && learningRate <= MAX_LEARNING_RATE)) {
            violations.add(new JobViolation("learningRate",
                    "must be greater than 0 and at most " + MAX_LEARNING_RATE + ", was " + learningRate));
        }

        JobConfig.EarlyStop earlyStopping = earlyStopping(spec.earlyStopping(), violations);
        JobConfig.Validation validation = null;
        Integer trainSize = datasetSize;
        if (earlyStopping != null && datasetSize != null) {
            int held = (int) Math.round(datasetSize * settings.validationFraction());
            validation = new JobConfig.Validation(settings.validationFraction(), held);
            trainSize = datasetSize - held;
        }

        int batchSize = whole(spec.batchSize(), DEFAULT_BATCH_SIZE, 1, Integer.MAX_VALUE, "batchSize", violations);
        if (trainSize != null && batchSize > trainSize) {
            violations.add(new JobViolation("batchSize", "must not exceed the training set of " + trainSize
                    + " samples" + (validation != null ? " (after holding out " + validation.size()
                    + " for validation)" : "") + ", was " + batchSize));
        }

        Integer epochs = null;
        Integer iterations = null;
        if (spec.epochs() != null && spec.iterations() != null) {
            violations.add(new JobViolation("iterations", "give either epochs or iterations, not both"));
        } else if (spec.iterations() != null) {
            iterations = whole(spec.iterations(), 0, 1, Integer.MAX_VALUE, "iterations", violations);
        } else {
            epochs = whole(spec.epochs(), DEFAULT_EPOCHS, 1, Integer.MAX_VALUE, "epochs", violations);
        }
        if (trainSize != null && violations.stream().noneMatch(v -> v.field().matches("batchSize|epochs|iterations"))) {
            long work = epochs != null ? (long) epochs * trainSize : (long) iterations * batchSize;
            if (work > settings.maxSamples()) {
                violations.add(new JobViolation(epochs != null ? "epochs" : "iterations",
                        "the job would process " + work + " training samples, more than the limit of "
                                + settings.maxSamples() + " (digitnet.jobs.max-samples)"));
            }
        }

        String name = name(spec.name(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidJobRequestException(violations);
        }
        boolean randomSeed = spec.seed() == null;
        // A drawn seed stays below 2^31 so that JSON clients (JavaScript numbers) read it back exactly.
        long seed = randomSeed ? ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE) : spec.seed();
        return new JobConfig(dataset, hiddenSize, activation, weightInit, optimizer, learningRate, batchSize,
                epochs, iterations, seed, randomSeed, earlyStopping, validation, trainSize,
                Boolean.TRUE.equals(spec.gradientCheck()), trainMetrics);
    }

    private static JobConfig.EarlyStop earlyStopping(JobSpec.EarlyStoppingSpec spec, List<JobViolation> violations) {
        if (spec == null) {
            return null;
        }
        int patience = whole(spec.patience(), DEFAULT_PATIENCE, 1, MAX_PATIENCE, "earlyStopping.patience",
                violations);
        double minDelta = spec.minDelta() == null ? 0.0 : spec.minDelta();
        if (!(minDelta >= 0 && minDelta <= 1)) {
            violations.add(new JobViolation("earlyStopping.minDelta", "must be between 0 and 1, was " + minDelta));
        }
        return new JobConfig.EarlyStop(patience, minDelta);
    }

    private static String name(String name, List<JobViolation> violations) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            violations.add(new JobViolation("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (trimmed.chars().anyMatch(Character::isISOControl)) {
            violations.add(new JobViolation("name", "must not contain control characters"));
        }
        return trimmed;
    }

    private static int whole(Long value, int defaultValue, int min, int max, String field,
                             List<JobViolation> violations) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            violations.add(new JobViolation(field, (max == Integer.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max) + ", was " + value));
            return defaultValue;
        }
        return value.intValue();
    }

    /** The constant named {@code value} (any case), the default when null, or null with a violation. */
    private static <E extends Enum<E>> E oneOf(String value, E defaultValue, String field,
                                               List<JobViolation> violations) {
        if (value == null) {
            return defaultValue;
        }
        try {
            return Names.parse(defaultValue.getDeclaringClass(), value);
        } catch (IllegalArgumentException e) {
            violations.add(new JobViolation(field, "unknown " + field + " '" + value + "'; must be one of: "
                    + String.join(", ", Names.all(defaultValue.getDeclaringClass()))));
            return null;
        }
    }

    private static String lower(String value, String defaultValue) {
        return value == null ? defaultValue : value.strip().toLowerCase(Locale.ROOT);
    }
}
