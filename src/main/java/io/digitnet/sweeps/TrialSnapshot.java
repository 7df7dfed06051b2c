package io.digitnet.sweeps;

import java.util.List;
import java.util.Map;

/**
 * A trial as it was at one moment.
 *
 * @param number       1-based, in the order the trials are fed
 * @param params       just the swept values
 * @param jobId        its training job, null while PENDING
 * @param testAccuracy the model's test accuracy once SUCCEEDED, else that of the latest epoch (null before one)
 * @param seconds      training time so far (the sum of its epochs' times)
 * @param stopRequested the median stopping rule asked its job to stop
 */
public record TrialSnapshot(int number, Map<String, Object> params, TrialStatus status, String jobId,
                            List<TrialEpoch> epochs, Double testAccuracy, Double seconds, String modelId,
                            String error, boolean stopRequested) {

    public TrialSnapshot {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }

    /**
     * The trial's value of the metric: test accuracy as above; the lowest validation loss of its epochs (early
     * stopping keeps those weights). Null when not measured yet.
     */
    public Double metricValue(SweepMetric metric) {
        if (metric == SweepMetric.TEST_ACCURACY) {
            return testAccuracy;
        }
        return epochs.stream().map(TrialEpoch::validationLoss).filter(v -> v != null).min(Double::compare)
                .orElse(null);
    }
}
