package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.nn.Activation;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainerConfig;
import io.digitnet.nn.WeightInit;
import org.junit.jupiter.api.Test;

class JobConfigTests {

    /** 1,000 samples in batches of 300: three full batches and one of 100 per epoch. */
    private final JobConfig config = new JobConfig("mnist", 20, Activation.RELU, WeightInit.HE, OptimizerType.ADAM, 0.001, 300, null, 10, 7,
            false, new JobConfig.EarlyStop(2, 0.01), new JobConfig.Validation(0.1, 111), 1000, true);

    @Test
    void plansIterationsAndEpochs() {
        assertThat(config.iterationsPerEpoch()).isEqualTo(4);
        assertThat(config.plannedIterations()).isEqualTo(10);
        assertThat(config.plannedEpochs()).isEqualTo(3);
        assertThat(TestJobs.config(5).plannedIterations()).isEqualTo(3000);
        assertThat(TestJobs.config(5).plannedEpochs()).isEqualTo(5);
    }

    @Test
    void countsSamplesWithShortLastBatches() {
        assertThat(config.samplesAfter(0)).isZero();
        assertThat(config.samplesAfter(3)).isEqualTo(900);
        assertThat(config.samplesAfter(4)).isEqualTo(1000);
        assertThat(config.samplesAfter(5)).isEqualTo(1300);
        assertThat(config.samplesAfter(10)).isEqualTo(2600);
    }

    @Test
    void mapsToTheTrainersConfig() {
        TrainerConfig trainer = config.trainerConfig();
        assertThat(trainer.activation()).isEqualTo(Activation.RELU);
        assertThat(trainer.weightInit()).isEqualTo(WeightInit.HE);
        assertThat(trainer.optimizer()).isEqualTo(OptimizerType.ADAM);
        assertThat(trainer.epochs()).isZero();
        assertThat(trainer.iterations()).isEqualTo(10);
        assertThat(trainer.earlyStopping().patience()).isEqualTo(2);
        assertThat(trainer.seed()).isEqualTo(7);
    }

    @Test
    void itsMapHasEveryHyperparameter() {
        assertThat(config.asMap()).containsEntry("seed", 7L).containsEntry("activation", "relu")
                .containsEntry("epochs", null).containsEntry("iterations", 10)
                .containsKeys("dataset", "hiddenSize", "weightInit", "optimizer", "learningRate", "batchSize",
                        "randomSeed", "earlyStopping", "validation", "trainSize", "gradientCheck");
    }
}
