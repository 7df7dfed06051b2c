package io.digitnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A run whose loss stops being a finite number ends with {@link TrainingDivergedException} (issue 9, item 7). */
class TrainerDivergenceTests {

    @Test
    void aNonFiniteLossEndsTheRunNamingTheEpochAndIteration() {
        // Inputs of 1e30: the first update makes the weights so large that the next forward pass overflows float32.
        LabeledData data = SyntheticData.clusters(200, 20, 4, 1);
        LabeledData huge = new LabeledData(data.x().castTo(DataType.FLOAT).mul(1e30f), data.labels());
        TrainerConfig config = new TrainerConfig(16, Activation.RELU, WeightInit.HE, OptimizerType.SGD, 10, 50, 2, 0,
                1, null);
        Trainer trainer = new Trainer(config, huge, null, huge, 4);

        assertThatThrownBy(() -> trainer.train(new TrainingListener() { }, () -> false))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching("diverged at epoch 1, iteration \\d+ .*try a smaller learningRate");
    }

    @Test
    void theEpochBeforeTheDivergenceIsStillReported() {
        // inputs of 1e4 and a learning rate of 1: the weights grow until the second epoch's loss overflows
        LabeledData data = SyntheticData.clusters(200, 20, 4, 1);
        LabeledData large = new LabeledData(data.x().castTo(DataType.FLOAT).mul(1e4f), data.labels());
        TrainerConfig config = new TrainerConfig(16, Activation.RELU, WeightInit.HE, OptimizerType.SGD, 1, 50, 5, 0,
                1, null);
        TrainerTests.Recorder recorder = new TrainerTests.Recorder();

        assertThatThrownBy(() -> new Trainer(config, large, null, large, 4).train(recorder, () -> false))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("diverged at epoch 2, iteration 6 ");

        assertThat(recorder.epochs).extracting(EpochStats::epoch).containsExactly(1);
        assertThat(recorder.checkpoints.get(0).history()).isEqualTo(recorder.epochs);
        assertThat(recorder.epochs.get(0).testAccuracy()).isBetween(0.0, 1.0);
    }
}
