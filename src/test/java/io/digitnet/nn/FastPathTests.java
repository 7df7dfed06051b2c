package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.nn.optim.Optimizer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The trainer's fast path (TrainingStep, Evaluation) against the reference layers of TwoLayerNet, float32. */
class FastPathTests {

    private static final LabeledData DATA = SyntheticData.clusters(64, 20, 3, 1);

    private static LabeledData rows(LabeledData data, int[] order, int from, int count) {
        int[] idx = java.util.Arrays.copyOfRange(order, from, from + count);
        INDArray x = Nd4j.create(DataType.FLOAT, count, data.x().size(1));
        int[] labels = new int[count];
        for (int r = 0; r < count; r++) {
            x.putRow(r, data.x().getRow(idx[r]));
            labels[r] = data.labels()[idx[r]];
        }
        return new LabeledData(x, labels);
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void sigmoidStepsMatchTheReferenceLayers(OptimizerType type) {
        stepsMatchTheReferenceLayers(Activation.SIGMOID, type);
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void reluStepsMatchTheReferenceLayers(OptimizerType type) {
        stepsMatchTheReferenceLayers(Activation.RELU, type);
    }

    /** Batches large enough for the native sigmoid ({@link FastForward#NATIVE_MIN}), full and partial. */
    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void largeSigmoidBatchesMatchTheReferenceLayers(OptimizerType type) {
        LabeledData data = SyntheticData.clusters(200, 20, 3, 4);
        assertTrue(80 * 64 >= FastForward.NATIVE_MIN && 70 * 64 >= FastForward.NATIVE_MIN);
        stepsMatchTheReferenceLayers(Activation.SIGMOID, type, data, 64, 80, new int[][]{{0, 80}, {80, 80}, {160, 40}, {0, 70}});
    }

    private static void stepsMatchTheReferenceLayers(Activation activation, OptimizerType type) {
        // four full batches and two partial ones
        stepsMatchTheReferenceLayers(activation, type, DATA, 8, 16,
                new int[][]{{0, 16}, {16, 16}, {32, 16}, {48, 9}, {57, 7}});
    }

    private static void stepsMatchTheReferenceLayers(Activation activation, OptimizerType type, LabeledData data,
                                                     int hidden, int batchSize, int[][] batches) {
        Parameters fast = Parameters.initialize(20, hidden, 3, WeightInit.HE, 3, DataType.FLOAT);
        Parameters reference = fast.copy(DataType.FLOAT);
        Optimizer fastOptimizer = Optimizer.create(type, 0.1);
        Optimizer referenceOptimizer = Optimizer.create(type, 0.1);
        TrainingStep step = new TrainingStep(fast, activation, fastOptimizer, data, batchSize);
        TwoLayerNet net = new TwoLayerNet(reference, activation);
        int[] order = Trainer.permutation(data.size(), 5, 1);

        for (int[] b : batches) {
            LabeledData batch = rows(data, order, b[0], b[1]);
            double expectedLoss = net.loss(batch.x(), batch.labels());
            Parameters gradients = net.gradients(batch.x(), batch.labels());
            referenceOptimizer.update(reference, gradients);

            double loss = step.run(order, b[0], b[1]);

            assertEquals(expectedLoss, loss, 1e-5 * expectedLoss, "loss of batch at " + b[0]);
            assertClose(reference, fast, 2e-5);
        }
        assertEquals(referenceOptimizer.step(), fastOptimizer.step());
    }

    private static void assertClose(Parameters expected, Parameters actual, double tolerance) {
        Map<String, INDArray> a = actual.asMap();
        expected.asMap().forEach((name, e) -> {
            double diff = e.sub(a.get(name)).amaxNumber().doubleValue();
            assertTrue(diff < tolerance, name + " differs by " + diff);
        });
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void evaluationMatchesTheReferenceLossAndAccuracy(Activation activation) {
        LabeledData data = SyntheticData.clusters(4_500, 20, 3, 2); // more than two evaluation chunks
        Parameters p = Parameters.initialize(20, 8, 3, WeightInit.XAVIER, 4, DataType.FLOAT);
        TwoLayerNet net = new TwoLayerNet(p, activation);

        Evaluation.Result result = new Evaluation(new FastForward(p, activation)).evaluate(data);

        assertEquals(net.accuracy(data.x(), data.labels()), result.accuracy(), 1e-12);
        assertEquals(net.loss(data.x(), data.labels()), result.loss(), 1e-5);
        assertTrue(result.accuracy() > 0.2 && result.accuracy() < 1.0, "a non-trivial accuracy: " + result.accuracy());
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void evaluationReadsRowViewsInPlace(Activation activation) {
        LabeledData data = SyntheticData.clusters(100, 20, 3, 2);
        INDArray tail = data.x().get(NDArrayIndex.interval(40, 100), NDArrayIndex.all());
        int[] labels = java.util.Arrays.copyOfRange(data.labels(), 40, 100);
        Parameters p = Parameters.initialize(20, 8, 3, WeightInit.XAVIER, 4, DataType.FLOAT);

        Evaluation.Result viewResult = new Evaluation(new FastForward(p, activation)).evaluate(new LabeledData(tail, labels));
        Evaluation.Result copyResult = new Evaluation(new FastForward(p, activation))
                .evaluate(new LabeledData(tail.dup('c'), labels));

        assertEquals(copyResult, viewResult);
    }
}
