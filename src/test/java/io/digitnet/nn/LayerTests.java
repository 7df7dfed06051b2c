package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each layer's backward against central differences (float64), and softmax / cross-entropy by hand. */
class LayerTests {

    private static final double TOLERANCE = 1e-6;

    private static INDArray random(long seed, long... shape) {
        Random random = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        INDArray flat = a.reshape(a.length());
        for (long i = 0; i < a.length(); i++) {
            flat.putScalar(i, random.nextGaussian());
        }
        return a;
    }

    /** f(x) = Σ layer(x) ⊙ r for a fixed random r, so that df/d(output) = r is the dout handed to backward. */
    private static DoubleSupplier projected(Layer layer, INDArray x, INDArray r) {
        return () -> layer.forward(x).mul(r).sumNumber().doubleValue();
    }

    @Test
    void affineBackwardMatchesNumericalGradientsOfInputWeightsAndBias() {
        INDArray x = random(1, 6, 5);
        INDArray w = random(2, 5, 4);
        INDArray b = random(3, 4);
        INDArray r = random(4, 6, 4);
        Affine affine = new Affine(w, b);
        affine.forward(x);
        INDArray dx = affine.backward(r);
        DoubleSupplier f = projected(affine, x, r);

        assertTrue(GradientCheck.maxRelativeError(NumericalGradient.of(f, x), dx) < TOLERANCE);
        assertTrue(GradientCheck.maxRelativeError(NumericalGradient.of(f, w), affine.dW()) < TOLERANCE);
        assertTrue(GradientCheck.maxRelativeError(NumericalGradient.of(f, b), affine.db()) < TOLERANCE);
    }

    @Test
    void sigmoidBackwardMatchesNumericalGradient() {
        INDArray x = random(5, 6, 4);
        INDArray r = random(6, 6, 4);
        ActivationLayer sigmoid = new ActivationLayer(Activation.SIGMOID);
        sigmoid.forward(x);
        INDArray dx = sigmoid.backward(r);

        assertTrue(GradientCheck.maxRelativeError(NumericalGradient.of(projected(sigmoid, x, r), x), dx) < TOLERANCE);
    }

    @Test
    void reluBackwardMatchesNumericalGradientAwayFromTheKink() {
        INDArray x = random(7, 6, 4);
        // keep every input at least 0.01 from 0, where the derivative jumps
        INDArray flat = x.reshape(x.length());
        for (long i = 0; i < x.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + Math.copySign(0.01, v));
        }
        INDArray r = random(8, 6, 4);
        ActivationLayer relu = new ActivationLayer(Activation.RELU);
        relu.forward(x);
        INDArray dx = relu.backward(r);

        assertTrue(GradientCheck.maxRelativeError(NumericalGradient.of(projected(relu, x, r), x), dx) < TOLERANCE);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(x.getDouble(i, j) > 0 ? r.getDouble(i, j) : 0.0, dx.getDouble(i, j), 0.0);
            }
        }
    }

    @Test
    void softmaxWithLossBackwardMatchesNumericalGradient() {
        INDArray scores = random(9, 5, 3);
        int[] labels = {0, 2, 1, 1, 0};
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        loss.forward(scores, labels);
        INDArray dx = loss.backward();
        INDArray numerical = NumericalGradient.of(() -> new SoftmaxWithLoss().forward(scores, labels), scores);

        // the 1e-7 inside the log is ignored by the analytic gradient (y − t)/n: a relative effect of 1e-7 / y
        assertTrue(GradientCheck.maxRelativeError(numerical, dx) < TOLERANCE);
    }

    @Test
    void softmaxAndCrossEntropyOfAHandComputedExample() {
        // scores [1, 2, 3]: e^(s − 3) = [e^−2, e^−1, 1], sum 1.5032147244; y = [0.0900306, 0.2447285, 0.6652410]
        INDArray scores = Nd4j.create(new double[][]{{1, 2, 3}, {0, 0, 0}});
        INDArray y = SoftmaxWithLoss.softmax(scores);
        assertArrayEquals(new double[]{0.09003057317038046, 0.24472847105479764, 0.6652409557748219},
                y.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{1 / 3.0, 1 / 3.0, 1 / 3.0}, y.getRow(1).toDoubleVector(), 1e-12);

        // labels 2 and 0: −(log(0.6652409557748219 + 1e−7) + log(1/3 + 1e−7)) / 2
        double expected = -(Math.log(0.6652409557748219 + 1e-7) + Math.log(1 / 3.0 + 1e-7)) / 2;
        SoftmaxWithLoss layer = new SoftmaxWithLoss();
        assertEquals(expected, layer.forward(scores, new int[]{2, 0}), 1e-12);
        assertEquals(0.753109, expected, 1e-6);

        // backward: (y − t) / 2
        INDArray dx = layer.backward();
        assertArrayEquals(new double[]{0.09003057317038046 / 2, 0.24472847105479764 / 2, (0.6652409557748219 - 1) / 2},
                dx.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{(1 / 3.0 - 1) / 2, 1 / 6.0, 1 / 6.0}, dx.getRow(1).toDoubleVector(), 1e-12);
    }

    @Test
    void softmaxStaysFiniteForHugeScores() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray scores = Nd4j.create(new double[][]{{1000, -1000, 0}, {-1000, -1000, -1000}, {1000, 1000, 999}})
                    .castTo(type);
            INDArray y = SoftmaxWithLoss.softmax(scores);
            double[] v = y.castTo(DataType.DOUBLE).data().asDouble();
            for (double p : v) {
                assertTrue(Double.isFinite(p), type + ": " + java.util.Arrays.toString(v));
            }
            assertArrayEquals(new double[]{1, 0, 0}, y.getRow(0).castTo(DataType.DOUBLE).toDoubleVector(), 1e-6);
            assertArrayEquals(new double[]{1 / 3.0, 1 / 3.0, 1 / 3.0}, y.getRow(1).castTo(DataType.DOUBLE).toDoubleVector(), 1e-6);
            // a wrong label with probability 0 costs −log(1e−7), not infinity
            double loss = new SoftmaxWithLoss().forward(scores, new int[]{1, 0, 2});
            assertTrue(Double.isFinite(loss));
            assertEquals((-Math.log(1e-7) - Math.log(1 / 3.0 + 1e-7) - Math.log(1 / (1 + 2 * Math.E) + 1e-7)) / 3,
                    loss, 1e-5);
        }
    }

    @Test
    void fastSoftmaxKernelStaysFiniteForHugeScores() {
        java.nio.FloatBuffer s = java.nio.FloatBuffer.wrap(new float[]{1000, -1000, 0, -1000, -1000, -1000});
        java.nio.FloatBuffer b = java.nio.FloatBuffer.wrap(new float[3]);
        float[] sums = new float[3];
        int[] predicted = new int[2];
        double loss = Kernels.softmaxWithLoss(s, b, 2, 3, new int[]{1, 2}, sums, predicted);
        assertTrue(Double.isFinite(loss));
        assertArrayEquals(new int[]{0, 0}, predicted); // the first of equal probabilities, as argmax
        assertEquals(-Math.log(1e-7) - Math.log(1 / 3.0 + 1e-7), loss, 1e-5);
        assertArrayEquals(new float[]{1, -1, 0, 1 / 3f, 1 / 3f, 1 / 3f - 1}, s.array(), 1e-6f);
    }
}
