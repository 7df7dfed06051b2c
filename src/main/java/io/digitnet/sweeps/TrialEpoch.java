package io.digitnet.sweeps;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One finished epoch of a trial: what the leaderboard's curves and the median stopping rule look at. */
public record TrialEpoch(int epoch, double testAccuracy,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double validationLoss) {

    /** The value of the metric, null when this epoch did not measure it. */
    public Double value(SweepMetric metric) {
        return metric == SweepMetric.TEST_ACCURACY ? Double.valueOf(testAccuracy) : validationLoss;
    }
}
