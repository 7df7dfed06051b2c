package io.digitnet.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.training.JobConfigResolver;
import io.digitnet.training.JobViolation;
import io.digitnet.training.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sweep requests checked and their trials drawn, without a server. */
class SweepPlannerTests {

    private final SweepPlanner planner = new SweepPlanner(
            new JobConfigResolver(TestJobs.sizesOnlyCatalog(), TestJobs.settings(Path.of("target/unused"), 10)),
            new SweepsSettings(Path.of("target/unused"), 2, Duration.ofSeconds(1), 1000, 16, Duration.ofMinutes(30)),
            TestJobs.settings(Path.of("target/unused"), 10));

    @Test
    void aGridIsEveryCombinationTheLastParameterFastest() {
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("hiddenSize", List.of(50, 100));
        grid.put("activation", List.of("sigmoid", "relu"));
        SweepPlanner.Planned planned = planner.plan(spec(Map.of("epochs", 1), grid, null, null, null));

        assertThat(planned.trials()).containsExactly(
                Map.of("hiddenSize", 50, "activation", "sigmoid"), Map.of("hiddenSize", 50, "activation", "relu"),
                Map.of("hiddenSize", 100, "activation", "sigmoid"), Map.of("hiddenSize", 100, "activation", "relu"));
        assertThat(planned.plan().metric()).isEqualTo(SweepMetric.TEST_ACCURACY);
        assertThat(planned.plan().seed()).isNull();
    }

    @Test
    void theSameSeedDrawsTheSameTrialsWithinTheirRanges() {
        Map<String, Object> random = Map.of("learningRate", Map.of("min", 0.001, "max", 1, "log", true),
                "hiddenSize", Map.of("min", 10, "max", 20), "optimizer", List.of("sgd", "adam"));
        List<Map<String, Object>> first = planner.plan(spec(null, null, random, 50L, 7L)).trials();
        List<Map<String, Object>> again = planner.plan(spec(null, null, random, 50L, 7L)).trials();
        List<Map<String, Object>> other = planner.plan(spec(null, null, random, 50L, 8L)).trials();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).hasSize(50).allSatisfy(trial -> {
            assertThat((double) trial.get("learningRate")).isBetween(0.001, 1.0);
            assertThat((long) trial.get("hiddenSize")).isBetween(10L, 20L);
            assertThat(trial.get("optimizer")).isIn("sgd", "adam");
        });
        // Log-uniform: about a third of the draws in each decade, not 90 % in the top one.
        long below01 = first.stream().filter(t -> (double) t.get("learningRate") < 0.1).count();
        assertThat(below01).isBetween(20L, 45L);
    }

    @Test
    void aDrawnSeedIsRecordedSoThatTheSweepCanBeRepeated() {
        Map<String, Object> random = Map.of("learningRate", Map.of("min", 0.01, "max", 1));
        SweepPlanner.Planned planned = planner.plan(spec(null, null, random, 4L, null));

        assertThat(planned.plan().seed()).isNotNull();
        assertThat(planner.plan(spec(null, null, random, 4L, planned.plan().seed())).trials())
                .isEqualTo(planned.trials());
    }

    @Test
    void trialsShareTheBaseSeedOrOneDrawnForTheSweep() {
        SweepPlan given = planner.plan(spec(Map.of("seed", 5), Map.of("hiddenSize", List.of(1, 2)), null, null,
                null)).plan();
        SweepPlan drawn = planner.plan(spec(null, Map.of("hiddenSize", List.of(1, 2)), null, null, null)).plan();

        assertThat(given.trainingSeed()).isEqualTo(5);
        List<JobViolation> violations = new java.util.ArrayList<>();
        assertThat(SweepPlanner.jobSpec(drawn, "0123456789", 2, Map.of("hiddenSize", 2), violations).seed())
                .isEqualTo(drawn.trainingSeed());
        assertThat(SweepPlanner.jobSpec(drawn, "0123456789", 2, Map.of("hiddenSize", 2), violations).name())
                .isEqualTo("test #2");
        assertThat(violations).isEmpty();
    }

    @Test
    void everyTrialsJobConfigurationIsCheckedUpFrontAndBlamedOnItsSource() {
        assertThatThrownBy(() -> planner.plan(spec(Map.of("epochs", 0), Map.of("hiddenSize", List.of(10, 5000)),
                null, null, null)))
                .isInstanceOfSatisfying(InvalidSweepException.class, e -> assertThat(e.violations())
                        .extracting(JobViolation::field).containsExactly("base.epochs", "grid.hiddenSize"));
    }

    @Test
    void aRandomRangeMustMakeSense() {
        assertThatThrownBy(() -> planner.plan(spec(null, null, Map.of("learningRate",
                Map.of("min", 0.5, "max", 2, "lg", true), "hiddenSize", Map.of("max", 5)), null, null)))
                .isInstanceOfSatisfying(InvalidSweepException.class, e -> assertThat(e.violations())
                        .extracting(JobViolation::field).containsExactlyInAnyOrder("random.learningRate.lg",
                                "random.hiddenSize.min"));
    }

    private static SweepSpec spec(Map<String, Object> base, Map<String, Object> grid, Map<String, Object> random,
                                  Long trials, Long seed) {
        return new SweepSpec("test", base, grid, random, trials, seed, null, null, null, null, List.of());
    }
}
