package io.digitnet.sweeps.web;

import io.digitnet.sweeps.SweepMetric;
import io.digitnet.sweeps.TrialSnapshot;
import io.digitnet.sweeps.TrialStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A leaderboard entry: the trial's swept values, its job and what it measured. {@code curve} is the test accuracy
 * after each epoch; {@code metric} the value it is ranked by;
 * {@code seconds} is rounded to hundredths.
 */
record TrialView(@Schema(example = "1") int trial, @Schema(example = "b2a0aeed-e81e-4b3d-bd90-50574d0ddc50") String jobId,
                 @Schema(example = "{\"hiddenSize\":100,\"activation\":\"relu\"}") Map<String, Object> params,
                 TrialStatus status, @Schema(example = "0.9712") Double metric,
                 @Schema(example = "0.9712") Double testAccuracy, @Schema(example = "4.2") Double seconds,
                 @Schema(example = "m-20261129183015123-a1b2c3") String modelId, @Schema(example = "5") int epochs, List<Double> curve,
                 @Schema(description = "Why the trial failed", example = "diverged: the loss is NaN at iteration 42")
                 String error) {

    static TrialView of(TrialSnapshot t, SweepMetric metric) {
        return new TrialView(t.number(), t.jobId(), t.params(), t.status(), t.metricValue(metric), t.testAccuracy(),
                t.seconds() == null ? null : Math.round(t.seconds() * 100) / 100.0, t.modelId(), t.epochs().size(),
                t.epochs().stream().map(e -> e.testAccuracy()).toList(), t.error());
    }
}
