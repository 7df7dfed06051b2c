package io.digitnet.nn;

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
}
