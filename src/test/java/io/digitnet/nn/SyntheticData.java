package io.digitnet.nn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Small seeded data sets for the unit tests: Gaussian clusters, one per class, so that training makes progress. */
final class SyntheticData {

    private SyntheticData() {
    }

    static LabeledData clusters(int n, int inputSize, int classes, long seed) {
        Random random = new Random(seed);
        Random centersRandom = new Random(42); // the same class centers for every split
        float[][] centers = new float[classes][inputSize];
        for (float[] c : centers) {
            for (int j = 0; j < inputSize; j++) {
                c[j] = (float) centersRandom.nextGaussian();
            }
        }
        float[] x = new float[n * inputSize];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
            for (int j = 0; j < inputSize; j++) {
                x[i * inputSize + j] = centers[labels[i]][j] + (float) (0.8 * random.nextGaussian());
            }
        }
        return new LabeledData(Nd4j.create(x, new long[]{n, inputSize}, 'c'), labels);
    }

    /** Uniform inputs in [0, 1) as float64 and random labels. */
    static LabeledData uniform64(int n, int inputSize, int classes, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n * inputSize];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        int[] labels = random.ints(n, 0, classes).toArray();
        return new LabeledData(Nd4j.create(x, new long[]{n, inputSize}, DataType.DOUBLE), labels);
    }
}
