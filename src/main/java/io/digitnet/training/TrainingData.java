package io.digitnet.training;

import io.digitnet.datasets.Dataset;
import io.digitnet.datasets.LabeledImages;
import io.digitnet.nn.LabeledData;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The data a job trains on: the dataset's training set, less the held-out validation part when early stopping
 * needs one (the last {@code validation.size} samples in file order, so the split is the same on every run and
 * after a restart), and the test set.
 *
 * @param train      x [trainSize, 784] float32
 * @param validation x [validationSize, 784] float32, or null
 * @param test       x [testSize, 784] float32
 */
record TrainingData(LabeledData train, LabeledData validation, LabeledData test) {

    static TrainingData of(Dataset dataset, JobConfig config) {
        LabeledImages train = dataset.train();
        LabeledData test = new LabeledData(dataset.test().images(), dataset.test().labels());
        if (config.validation() == null) {
            return new TrainingData(new LabeledData(train.images(), train.labels()), null, test);
        }
        int n = config.trainSize();
        // dup(): c-order arrays of their own, not views into the shared, cached dataset.
        LabeledData kept = new LabeledData(
                train.images().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup('c'),
                Arrays.copyOfRange(train.labels(), 0, n));
        LabeledData heldOut = new LabeledData(
                train.images().get(NDArrayIndex.interval(n, train.size()), NDArrayIndex.all()).dup('c'),
                Arrays.copyOfRange(train.labels(), n, train.size()));
        return new TrainingData(kept, heldOut, test);
    }

    /**
     * The first {@code n} training images scaled down to 7×7 by averaging 4×4 blocks: x [n, 49]. Small inputs keep
     * a gradient check (two forward passes per weight) to seconds.
     */
    LabeledData firstTrainingSamplesPooled(int n) {
        int size = Math.min(n, train.size());
        INDArray x = train.x().get(NDArrayIndex.interval(0, size), NDArrayIndex.all()).dup('c');
        // [n, 784] is [n, 7 rows of blocks, 4 rows, 7 columns of blocks, 4 columns] in c-order
        INDArray pooled = x.reshape('c', size, 7, 4, 7, 4).mean(2, 4).reshape('c', size, 49);
        return new LabeledData(pooled, Arrays.copyOfRange(train.labels(), 0, size));
    }
}
