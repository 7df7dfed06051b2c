package io.digitnet.sweeps;

import java.util.List;

/**
 * The median stopping rule: a running trial whose metric after epoch k is worse than the median of the other
 * trials that reached epoch k is stopped, once it has trained {@code minEpochs} epochs and at least
 * {@code minTrials} other trials reached that epoch.
 */
public record MedianStopping(int minEpochs, int minTrials) {

    public static final int DEFAULT_MIN_EPOCHS = 2;
    public static final int DEFAULT_MIN_TRIALS = 3;

    /** Whether {@code trial}, at its latest completed epoch, should stop. */
    boolean shouldStop(TrialSnapshot trial, List<TrialSnapshot> all, SweepMetric metric) {
        int k = trial.epochs().size();
        if (k < minEpochs || k == 0) {
            return false;
        }
        Double value = trial.epochs().get(k - 1).value(metric);
        if (value == null) {
            return false;
        }
        List<Double> others = all.stream().filter(t -> t.number() != trial.number() && t.epochs().size() >= k)
                .map(t -> t.epochs().get(k - 1).value(metric)).filter(v -> v != null).sorted().toList();
        if (others.size() < minTrials) {
            return false;
        }
        int n = others.size();
        double median = n % 2 == 1 ? others.get(n / 2) : (others.get(n / 2 - 1) + others.get(n / 2)) / 2;
        return metric.compare(value, median) > 0;
    }
}
