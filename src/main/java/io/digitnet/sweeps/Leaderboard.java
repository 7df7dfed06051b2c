package io.digitnet.sweeps;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ranks trials by the sweep's metric, best first: the trials still in the race (succeeded, running, queued) by their
 * metric, then those that ended without a model (stopped, failed, cancelled), then those not measured yet; ties by
 * trial number.
 */
final class Leaderboard {

    private Leaderboard() {
    }

    static List<TrialSnapshot> rank(List<TrialSnapshot> trials, SweepMetric metric) {
        return trials.stream().sorted(order(metric)).toList();
    }

    /** The best trial that produced a model. */
    static Optional<TrialSnapshot> best(List<TrialSnapshot> trials, SweepMetric metric) {
        return trials.stream().filter(t -> t.status() == TrialStatus.SUCCEEDED && t.modelId() != null)
                .filter(t -> t.metricValue(metric) != null).min(order(metric));
    }

    private static Comparator<TrialSnapshot> order(SweepMetric metric) {
        return Comparator.<TrialSnapshot>comparingInt(t -> group(t, metric))
                .thenComparing((a, b) -> {
                    Double x = a.metricValue(metric);
                    Double y = b.metricValue(metric);
                    return x == null || y == null ? 0 : metric.compare(x, y);
                })
                .thenComparingInt(TrialSnapshot::number);
    }

    private static int group(TrialSnapshot trial, SweepMetric metric) {
        if (trial.metricValue(metric) == null) {
            return 2;
        }
        return switch (trial.status()) {
            case SUCCEEDED, RUNNING, QUEUED, PENDING -> 0;
            case STOPPED, FAILED, CANCELLED -> 1;
        };
    }
}
