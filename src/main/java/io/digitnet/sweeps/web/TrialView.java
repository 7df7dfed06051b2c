package io.digitnet.sweeps.web;

import io.digitnet.sweeps.SweepMetric;
import io.digitnet.sweeps.TrialSnapshot;
import io.digitnet.sweeps.TrialStatus;
import java.util.List;
import java.util.Map;

/**
 * A leaderboard entry: the trial's swept values, its job and what it measured. {@code curve} is the test accuracy
 * after each epoch; {@code metric} the value it is ranked by;
 * {@code seconds} is rounded to hundredths.
 */
record TrialView(int trial, String jobId, Map<String, Object> params, TrialStatus status, Double metric,
                 Double testAccuracy, Double seconds, String modelId, int epochs, List<Double> curve, String error) {

    static TrialView of(TrialSnapshot t, SweepMetric metric) {
        return new TrialView(t.number(), t.jobId(), t.params(), t.status(), t.metricValue(metric), t.testAccuracy(),
                t.seconds() == null ? null : Math.round(t.seconds() * 100) / 100.0, t.modelId(), t.epochs().size(),
                t.epochs().stream().map(e -> e.testAccuracy()).toList(), t.error());
    }
}
