package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.datasets.Dataset;
import io.digitnet.datasets.LabeledImages;
import io.digitnet.nn.Activation;
import io.digitnet.nn.LabeledData;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainingDataTests {

    /** 20 training images whose pixels are their row number; 5 test images. */
    private static Dataset dataset() {
        INDArray train = Nd4j.arange(20).castTo(DataType.FLOAT).reshape(20, 1).repeat(1, 784);
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i % 10;
        }
        return new Dataset("tiny", new LabeledImages(train, labels),
                new LabeledImages(Nd4j.zeros(DataType.FLOAT, 5, 784), new int[5]));
    }

    private static JobConfig config(JobConfig.Validation validation, int trainSize) {
        return new JobConfig("tiny", 5, Activation.SIGMOID, WeightInit.STD, OptimizerType.SGD, 0.1, 4, 1, null, 1, false,
                validation == null ? null : new JobConfig.EarlyStop(1, 0), validation, trainSize, false);
    }

    @Test
    void withoutEarlyStoppingTrainsOnTheWholeTrainingSet() {
        TrainingData data = TrainingData.of(dataset(), config(null, 20));
        assertThat(data.train().size()).isEqualTo(20);
        assertThat(data.validation()).isNull();
        assertThat(data.test().size()).isEqualTo(5);
    }

    @Test
    void holdsOutTheLastSamplesForValidation() {
        TrainingData data = TrainingData.of(dataset(), config(new JobConfig.Validation(0.1, 2), 18));
        assertThat(data.train().size()).isEqualTo(18);
        assertThat(data.train().x().shape()).containsExactly(18, 784);
        assertThat(data.validation().x().shape()).containsExactly(2, 784);
        assertThat(data.validation().x().getFloat(0, 0)).isEqualTo(18f);
        assertThat(data.validation().labels()).containsExactly(8, 9);
        assertThat(data.train().labels()[17]).isEqualTo(7);
    }

    @Test
    void poolsImagesToSevenBySevenForTheGradientCheck() {
        INDArray image = Nd4j.arange(784).castTo(DataType.FLOAT).reshape(1, 784);
        Dataset one = new Dataset("one", new LabeledImages(image, new int[] {3}),
                new LabeledImages(image, new int[] {3}));
        LabeledData pooled = TrainingData.of(one, config(null, 1)).firstTrainingSamplesPooled(5);
        assertThat(pooled.x().shape()).containsExactly(1, 49);
        // Block (0, 0) holds pixels r*28 + c for r, c in 0..3: their mean is 1.5*28 + 1.5 = 43.5.
        assertThat(pooled.x().getFloat(0, 0)).isEqualTo(43.5f);
        // Block (6, 6) is 4*28*6 + 4*6 = 696 more.
        assertThat(pooled.x().getFloat(0, 48)).isEqualTo(43.5f + 696);
        assertThat(pooled.labels()).containsExactly(3);
    }
}
