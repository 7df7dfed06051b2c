package io.digitnet.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The median stopping rule and the leaderboard's order. */
class MedianStoppingTests {

    @Test
    void aTrialWorseThanTheMedianOfTheOthersAtTheSameEpochStops() {
        MedianStopping rule = new MedianStopping(1, 3);
        List<TrialSnapshot> trials = List.of(trial(1, 0.90, 0.95), trial(2, 0.80, 0.90), trial(3, 0.85, 0.91));
        TrialSnapshot hopeless = trial(4, 0.10);
        TrialSnapshot promising = trial(5, 0.86);
        List<TrialSnapshot> all = new ArrayList<>(trials);
        all.add(hopeless);
        all.add(promising);

        assertThat(rule.shouldStop(hopeless, all, SweepMetric.TEST_ACCURACY)).isTrue();
        // median of the others at epoch 1 (0.80, 0.85, 0.90, 0.10) is 0.825: 0.86 goes on
        assertThat(rule.shouldStop(promising, all, SweepMetric.TEST_ACCURACY)).isFalse();
        // not before its minimum epochs, nor with too few others to compare with
        assertThat(new MedianStopping(2, 3).shouldStop(hopeless, all, SweepMetric.TEST_ACCURACY)).isFalse();
        assertThat(new MedianStopping(1, 5).shouldStop(hopeless, all, SweepMetric.TEST_ACCURACY)).isFalse();
    }

    @Test
    void forALossLowerIsBetter() {
        MedianStopping rule = new MedianStopping(1, 2);
        List<TrialSnapshot> all = List.of(lossTrial(1, 0.3), lossTrial(2, 0.4), lossTrial(3, 0.9), lossTrial(4, 0.2));

        assertThat(rule.shouldStop(all.get(2), all, SweepMetric.VALIDATION_LOSS)).isTrue();
        assertThat(rule.shouldStop(all.get(3), all, SweepMetric.VALIDATION_LOSS)).isFalse();
    }

    @Test
    void theLeaderboardRanksByTheMetricWithTrialsThatEndedWithoutAModelBelow() {
        TrialSnapshot good = done(1, TrialStatus.SUCCEEDED, 0.95, "m-1");
        TrialSnapshot better = done(2, TrialStatus.SUCCEEDED, 0.97, "m-2");
        TrialSnapshot stopped = done(3, TrialStatus.STOPPED, 0.99, null);
        TrialSnapshot pending = new TrialSnapshot(4, Map.of(), TrialStatus.PENDING, null, List.of(), null, null, null,
                null, false);

        assertThat(Leaderboard.rank(List.of(pending, stopped, good, better), SweepMetric.TEST_ACCURACY))
                .extracting(TrialSnapshot::number).containsExactly(2, 1, 3, 4);
        assertThat(Leaderboard.best(List.of(pending, stopped, good, better), SweepMetric.TEST_ACCURACY))
                .map(TrialSnapshot::number).contains(2);
    }

    private static TrialSnapshot trial(int number, double... accuracies) {
        List<TrialEpoch> epochs = new ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            epochs.add(new TrialEpoch(i + 1, accuracies[i], null));
        }
        return new TrialSnapshot(number, Map.of(), TrialStatus.RUNNING, "j" + number, epochs,
                accuracies[accuracies.length - 1], 1.0, null, null, false);
    }

    private static TrialSnapshot lossTrial(int number, double loss) {
        return new TrialSnapshot(number, Map.of(), TrialStatus.RUNNING, "j" + number,
                List.of(new TrialEpoch(1, 0.5, loss)), 0.5, 1.0, null, null, false);
    }

    private static TrialSnapshot done(int number, TrialStatus status, double accuracy, String model) {
        return new TrialSnapshot(number, Map.of(), status, "j" + number, List.of(new TrialEpoch(1, accuracy, null)),
                accuracy, 1.0, model, null, false);
    }
}
