package io.digitnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class EpochEvaluatorTests {

    private static final LabeledData TEST = SyntheticData.clusters(300, 20, 4, 3);

    private static Checkpoint snapshot(int epoch, List<EpochStats> history) {
        Parameters p = Parameters.initialize(20, 8, 4, WeightInit.HE, 1, DataType.FLOAT);
        return new Checkpoint(epoch, epoch * 10L, p, Map.of(), 0, null, Double.NaN, 0, List.copyOf(history));
    }

    @Test
    void recordsTheEpochWithTheSnapshotsMeasuresAndAHistoryThatHoldsIt() {
        List<EpochStats> history = new ArrayList<>();
        List<Checkpoint> reported = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats, Checkpoint checkpoint) {
                reported.add(checkpoint);
            }
        };
        Checkpoint snapshot = snapshot(1, history);
        try (EpochEvaluator evaluator = new EpochEvaluator(Activation.RELU, TEST, null, history, listener)) {
            evaluator.submit(1, new Evaluation.Result(0.5, 0.75), 0.25, snapshot);
            assertThatThrownBy(() -> evaluator.submit(2, new Evaluation.Result(0.5, 0.75), 0.25, snapshot))
                    .isInstanceOf(IllegalStateException.class);
            evaluator.awaitAndRecord();
            evaluator.awaitAndRecord(); // nothing pending: nothing more reported
        }

        assertThat(history).hasSize(1);
        EpochStats stats = history.get(0);
        assertThat(stats.epoch()).isEqualTo(1);
        assertThat(stats.trainLoss()).isEqualTo(0.5);
        assertThat(stats.validationLoss()).isEqualTo(0.25);
        assertThat(stats.testAccuracy()).isEqualTo(
                new TwoLayerNet(snapshot.parameters(), Activation.RELU).accuracy(TEST.x(), TEST.labels()));
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).history()).containsExactly(stats);
        assertThat(reported.get(0).parameters()).isSameAs(snapshot.parameters());
        assertThat(snapshot.history()).isEmpty();
    }

    @Test
    void aFailureOfTheMeasurementIsThrownOnTheTrainingThreadAsItWas() {
        int[] labels = TEST.labels().clone();
        labels[0] = -1; // the evaluation's read of the first row's probability fails
        LabeledData broken = new LabeledData(TEST.x(), labels);
        List<EpochStats> history = new ArrayList<>();
        try (EpochEvaluator evaluator = new EpochEvaluator(Activation.RELU, broken, null, history,
                new TrainingListener() { })) {
            evaluator.submit(1, new Evaluation.Result(0.5, 0.75), 0.25, snapshot(1, history));

            assertThatThrownBy(evaluator::awaitAndRecord).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(history).isEmpty();
    }
}
