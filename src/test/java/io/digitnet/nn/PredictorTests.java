package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

class PredictorTests {

    private static final int IN = 784;
    private static final int HIDDEN = 50;
    private static final int OUT = 10;

    private static Parameters trainedLike(long seed) {
        Parameters p = Parameters.initialize(IN, HIDDEN, OUT, WeightInit.HE, seed, DataType.FLOAT);
        p.b1().assign(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, HIDDEN).subi(0.5));
        p.b2().assign(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, OUT).subi(0.5));
        return p;
    }

    private static float[] images(int rows, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return x;
    }

    /** The forward pass in float64 with plain loops, from the float32 weights. */
    private static double[] reference(Parameters p, Activation activation, float[] x, int rows) {
        double[] w1 = p.w1().castTo(DataType.DOUBLE).data().asDouble();
        double[] b1 = p.b1().castTo(DataType.DOUBLE).data().asDouble();
        double[] w2 = p.w2().castTo(DataType.DOUBLE).data().asDouble();
        double[] b2 = p.b2().castTo(DataType.DOUBLE).data().asDouble();
        double[] out = new double[rows * OUT];
        for (int r = 0; r < rows; r++) {
            double[] h = b1.clone();
            for (int i = 0; i < IN; i++) {
                for (int j = 0; j < HIDDEN; j++) {
                    h[j] += x[r * IN + i] * w1[i * HIDDEN + j];
                }
            }
            for (int j = 0; j < HIDDEN; j++) {
                h[j] = activation == Activation.SIGMOID ? 1 / (1 + Math.exp(-h[j])) : Math.max(h[j], 0);
            }
            double[] s = b2.clone();
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < OUT; k++) {
                for (int j = 0; j < HIDDEN; j++) {
                    s[k] += h[j] * w2[j * OUT + k];
                }
                max = Math.max(max, s[k]);
            }
            double sum = 0;
            for (int k = 0; k < OUT; k++) {
                s[k] = Math.exp(s[k] - max);
                sum += s[k];
            }
            for (int k = 0; k < OUT; k++) {
                out[r * OUT + k] = s[k] / sum;
            }
        }
        return out;
    }

    private static void assertMatches(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "entry " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void singleSamplesMatchADoublePrecisionReference(Activation activation) {
        Parameters p = trainedLike(1);
        Predictor predictor = new Predictor(p, activation);
        for (int s = 0; s < 5; s++) {
            float[] x = images(1, s);
            assertMatches(reference(p, activation, x, 1), predictor.probabilities(x, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void batchesMatchADoublePrecisionReference(Activation activation) {
        Parameters p = trainedLike(2);
        Predictor predictor = new Predictor(p, activation);
        int rows = Predictor.BLOCK + 37; // two blocks, the second partial
        float[] x = images(rows, 3);

        float[] probabilities = predictor.probabilities(x, rows);

        assertMatches(reference(p, activation, x, rows), probabilities);
        // and a batch row equals the same sample on its own
        float[] row5 = java.util.Arrays.copyOfRange(x, 5 * IN, 6 * IN);
        assertArrayEquals(java.util.Arrays.copyOfRange(probabilities, 5 * OUT, 6 * OUT),
                predictor.probabilities(row5, 1), 1e-6f);
        assertEquals(0, predictor.probabilities(new float[0], 0).length);
        // a small batch (per-thread buffers) agrees with the large one
        float[] first10 = java.util.Arrays.copyOfRange(x, 0, 10 * IN);
        assertArrayEquals(java.util.Arrays.copyOfRange(probabilities, 0, 10 * OUT), predictor.probabilities(first10, 10),
                1e-6f);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void agreesWithTheReferenceNet(Activation activation) {
        Parameters p = trainedLike(4);
        float[] x = images(20, 5);
        float[] expected = new TwoLayerNet(p, activation)
                .probabilities(org.nd4j.linalg.factory.Nd4j.create(x, new long[]{20, IN}, 'c'))
                .data().asFloat();
        assertArrayEquals(expected, new Predictor(p, activation).probabilities(x, 20), 1e-5f);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void laterChangesToTheParametersDoNotAffectPredictions(Activation activation) {
        Parameters p = trainedLike(5);
        Predictor predictor = new Predictor(p, activation);
        float[] x = images(1, 6);
        float[] before = predictor.probabilities(x, 1);
        p.w1().addi(1);
        p.b2().addi(3);
        assertArrayEquals(before, predictor.probabilities(x, 1));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void isSafeToShareBetweenThreads(Activation activation) throws Exception {
        Parameters p = trainedLike(6);
        Predictor predictor = new Predictor(p, activation);
        int samples = 40;
        int[] rows = new int[samples];
        float[][] inputs = new float[samples][];
        float[][] expected = new float[samples][];
        for (int s = 0; s < samples; s++) {
            rows[s] = s % 10 == 9 ? Predictor.SMALL_BATCH + 3 : s % 3 + 1; // per-thread and per-call buffers
            inputs[s] = images(rows[s], 100 + s);
            expected[s] = predictor.probabilities(inputs[s], rows[s]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int s = 0; s < samples; s++) {
                            if (!java.util.Arrays.equals(expected[s], predictor.probabilities(inputs[s], rows[s]))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void rejectsInputsOfTheWrongLength(Activation activation) {
        Predictor predictor = new Predictor(trainedLike(7), activation);
        assertThrows(IllegalArgumentException.class, () -> predictor.probabilities(new float[IN + 1], 1));
        assertThrows(IllegalArgumentException.class, () -> predictor.probabilities(new float[IN], 2));
        assertEquals(IN, predictor.inputSize());
        assertEquals(OUT, predictor.outputSize());
        assertEquals(1, predictor.predict(images(1, 1), 1).length);
    }
}
