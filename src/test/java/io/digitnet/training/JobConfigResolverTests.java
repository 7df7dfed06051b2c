package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.nn.Activation;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainMetrics;
import io.digitnet.nn.WeightInit;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobConfigResolverTests {

    private final JobConfigResolver resolver = new JobConfigResolver(TestJobs.sizesOnlyCatalog(),
            TestJobs.settings(Path.of("unused"), 10));

    private static JobSpec spec(Function<Builder, Builder> change) {
        return change.apply(new Builder()).build();
    }

    @Test
    void anEmptySpecTrainsMnistWithEveryDefaultAndARecordedRandomSeed() {
        JobConfig config = resolver.resolve(JobSpec.defaults());
        assertThat(config.dataset()).isEqualTo("mnist");
        assertThat(config.hiddenSize()).isEqualTo(50);
        assertThat(config.activation()).isEqualTo(Activation.SIGMOID);
        assertThat(config.weightInit()).isEqualTo(WeightInit.STD);
        assertThat(config.optimizer()).isEqualTo(OptimizerType.SGD);
        assertThat(config.learningRate()).isEqualTo(0.1);
        assertThat(config.batchSize()).isEqualTo(100);
        assertThat(config.epochs()).isEqualTo(5);
        assertThat(config.iterations()).isNull();
        assertThat(config.randomSeed()).isTrue();
        assertThat(config.seed()).isBetween(0L, (long) Integer.MAX_VALUE);
        assertThat(config.earlyStopping()).isNull();
        assertThat(config.validation()).isNull();
        assertThat(config.trainSize()).isEqualTo(60_000);
        assertThat(config.gradientCheck()).isFalse();
        assertThat(config.trainMetrics()).isEqualTo(TrainMetrics.RUNNING);
        assertThat(config.trainerConfig().trainMetrics()).isEqualTo(TrainMetrics.RUNNING);
    }

    @Test
    void fullTrainMetricsAreKeptForTheTrainer() {
        JobConfig config = resolver.resolve(spec(b -> b.trainMetrics("Full")));
        assertThat(config.trainMetrics()).isEqualTo(TrainMetrics.FULL);
        assertThat(config.asMap()).containsEntry("trainMetrics", "full");
        assertThat(config.trainerConfig().trainMetrics()).isEqualTo(TrainMetrics.FULL);
    }

    @Test
    void takesWhatIsGivenCaseInsensitively() {
        JobConfig config = resolver.resolve(spec(b -> b.dataset("Fashion-MNIST").activation("ReLU")
                .weightInit("HE").optimizer("Adam").hiddenSize(20L).batchSize(64L).iterations(500L).seed(42L)));
        assertThat(config.dataset()).isEqualTo("fashion-mnist");
        assertThat(config.activation()).isEqualTo(Activation.RELU);
        assertThat(config.weightInit()).isEqualTo(WeightInit.HE);
        assertThat(config.optimizer()).isEqualTo(OptimizerType.ADAM);
        assertThat(config.learningRate()).as("Adam's default rate").isEqualTo(0.001);
        assertThat(config.iterations()).isEqualTo(500);
        assertThat(config.epochs()).isNull();
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.randomSeed()).isFalse();
    }

    @Test
    void earlyStoppingHoldsOutTheLastTenthOfTheTrainingSet() {
        JobConfig config = resolver.resolve(spec(b -> b.earlyStopping(new JobSpec.EarlyStoppingSpec(null, null))));
        assertThat(config.earlyStopping()).isEqualTo(new JobConfig.EarlyStop(3, 0.0));
        assertThat(config.validation()).isEqualTo(new JobConfig.Validation(0.1, 6000));
        assertThat(config.trainSize()).isEqualTo(54_000);
    }

    static List<Arguments> badSpecs() {
        return List.of(
                Arguments.of(spec(b -> b.dataset("cifar")), "dataset", "must be one of: fashion-mnist, mnist"),
                Arguments.of(spec(b -> b.activation("tanh")), "activation", "must be one of: sigmoid, relu"),
                Arguments.of(spec(b -> b.weightInit("glorot")), "weightInit", "must be one of: std, xavier, he"),
                Arguments.of(spec(b -> b.optimizer("rmsprop")), "optimizer", "must be one of: sgd, momentum, adam"),
                Arguments.of(spec(b -> b.trainMetrics("exact")), "trainMetrics", "must be one of: running, full"),
                Arguments.of(spec(b -> b.hiddenSize(0L)), "hiddenSize", "between 1 and 1000"),
                Arguments.of(spec(b -> b.hiddenSize(1001L)), "hiddenSize", "between 1 and 1000"),
                Arguments.of(spec(b -> b.learningRate(0.0)), "learningRate", "greater than 0"),
                Arguments.of(spec(b -> b.learningRate(-0.1)), "learningRate", "greater than 0"),
                Arguments.of(spec(b -> b.learningRate(Double.NaN)), "learningRate", "greater than 0"),
                Arguments.of(spec(b -> b.learningRate(11.0)), "learningRate", "at most 10"),
                Arguments.of(spec(b -> b.batchSize(0L)), "batchSize", "at least 1"),
                Arguments.of(spec(b -> b.batchSize(60_001L)), "batchSize", "must not exceed the training set of 60000"),
                Arguments.of(spec(b -> b.batchSize(55_000L).earlyStopping(new JobSpec.EarlyStoppingSpec(2L, 0.0))),
                        "batchSize", "after holding out 6000"),
                Arguments.of(spec(b -> b.epochs(0L)), "epochs", "at least 1"),
                Arguments.of(spec(b -> b.iterations(-5L)), "iterations", "at least 1"),
                Arguments.of(spec(b -> b.epochs(2L).iterations(100L)), "iterations", "either epochs or iterations"),
                Arguments.of(spec(b -> b.epochs(101L)), "epochs", "more than the limit of 6000000"),
                Arguments.of(spec(b -> b.iterations(60_001L)), "iterations", "more than the limit"),
                Arguments.of(spec(b -> b.earlyStopping(new JobSpec.EarlyStoppingSpec(0L, null))),
                        "earlyStopping.patience", "between 1 and 1000"),
                Arguments.of(spec(b -> b.earlyStopping(new JobSpec.EarlyStoppingSpec(null, -1.0))),
                        "earlyStopping.minDelta", "between 0 and 1"),
                Arguments.of(spec(b -> b.name("x".repeat(101))), "name", "at most 100 characters"));
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void rejectsBadValuesNamingTheField(JobSpec spec, String field, String message) {
        assertThatThrownBy(() -> resolver.resolve(spec)).isInstanceOfSatisfying(InvalidJobRequestException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.message()).contains(message);
                }));
    }

    @Test
    void reportsEveryViolationAtOnce() {
        assertThatThrownBy(() -> resolver.resolve(spec(b -> b.hiddenSize(-1L).activation("x").optimizer("y"))))
                .isInstanceOfSatisfying(InvalidJobRequestException.class, e -> assertThat(e.violations())
                        .extracting(JobViolation::field).containsExactly("hiddenSize", "activation", "optimizer"));
    }

    /** Test-only builder over the many nullable fields of a spec. */
    static final class Builder {
        private String name;
        private String dataset;
        private Long hiddenSize;
        private String activation;
        private String weightInit;
        private String optimizer;
        private Double learningRate;
        private Long batchSize;
        private Long epochs;
        private Long iterations;
        private Long seed;
        private JobSpec.EarlyStoppingSpec earlyStopping;
        private String trainMetrics;

        Builder name(String v) { name = v; return this; }
        Builder dataset(String v) { dataset = v; return this; }
        Builder hiddenSize(Long v) { hiddenSize = v; return this; }
        Builder activation(String v) { activation = v; return this; }
        Builder weightInit(String v) { weightInit = v; return this; }
        Builder optimizer(String v) { optimizer = v; return this; }
        Builder learningRate(Double v) { learningRate = v; return this; }
        Builder batchSize(Long v) { batchSize = v; return this; }
        Builder epochs(Long v) { epochs = v; return this; }
        Builder iterations(Long v) { iterations = v; return this; }
        Builder seed(Long v) { seed = v; return this; }
        Builder earlyStopping(JobSpec.EarlyStoppingSpec v) { earlyStopping = v; return this; }
        Builder trainMetrics(String v) { trainMetrics = v; return this; }

        JobSpec build() {
            return new JobSpec(name, dataset, hiddenSize, activation, weightInit, optimizer, learningRate, batchSize,
                    epochs, iterations, seed, earlyStopping, null, trainMetrics);
        }
    }
}
