package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One epoch on the real MNIST (provisioned under data/datasets/mnist before the tests run). */
class MnistTrainingTests {

    @Test
    void oneEpochOfReluWithHeInitReachesNinetyPercent() {
        LabeledData train = MnistFiles.train(MnistFiles.DEFAULT_DIR);
        LabeledData test = MnistFiles.test(MnistFiles.DEFAULT_DIR);
        TrainerConfig config = new TrainerConfig(100, Activation.RELU, WeightInit.HE, OptimizerType.SGD, 0.1, 100,
                1, 0, 1234, null);
        Trainer trainer = new Trainer(config, train, null, test);

        TrainingResult result = trainer.train(new TrainingListener() { }, () -> false);

        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(10, trainer.outputSize());
        assertEquals(600, result.iterations());
        EpochStats epoch = result.history().get(0);
        assertTrue(epoch.testAccuracy() >= 0.90, "test accuracy " + epoch.testAccuracy());
        // a running mean over the first epoch, which starts from random weights: below what its end scores
        assertTrue(epoch.trainAccuracy() >= 0.85 && epoch.trainAccuracy() < epoch.testAccuracy(),
                "train accuracy " + epoch.trainAccuracy());
        // the Predictor serving these weights agrees with the trainer's evaluation
        Predictor predictor = new Predictor(result.parameters(), Activation.RELU);
        int[] predicted = predictor.predict(test.x().data().asFloat(), test.size());
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.labels()[i] ? 1 : 0;
        }
        assertEquals(epoch.testAccuracy(), correct / 10_000.0, 1e-4);
    }
}
