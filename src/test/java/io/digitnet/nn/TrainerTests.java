package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTests {

    private static final LabeledData TRAIN = SyntheticData.clusters(1_050, 20, 4, 1);
    private static final LabeledData VALIDATION = SyntheticData.clusters(200, 20, 4, 2);
    private static final LabeledData TEST = SyntheticData.clusters(300, 20, 4, 3);

    private static TrainerConfig config(Activation activation, OptimizerType optimizer, int epochs, int iterations) {
        return new TrainerConfig(16, activation, WeightInit.HE, optimizer,
                optimizer == OptimizerType.ADAM ? 0.01 : 0.1, 100, epochs, iterations, 1234, null);
    }

    private static void assertBitwiseEqual(Parameters expected, Parameters actual) {
        for (String name : Parameters.NAMES) {
            assertArrayEquals(expected.asMap().get(name).data().asFloat(), actual.asMap().get(name).data().asFloat(),
                    name);
        }
    }

    /** Records everything the trainer reports. */
    static class Recorder implements TrainingListener {
        final List<Double> losses = new ArrayList<>();
        final List<Long> iterations = new ArrayList<>();
        final List<EpochStats> epochs = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        final List<Thread> epochThreads = new ArrayList<>();

        @Override
        public void onIteration(int epoch, long iteration, long totalIterations, double loss) {
            losses.add(loss);
            iterations.add(iteration);
        }

        @Override
        public void onEpoch(EpochStats stats, Checkpoint checkpoint) {
            epochs.add(stats);
            checkpoints.add(checkpoint);
            epochThreads.add(Thread.currentThread());
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void trainingLearnsAndReportsEveryIterationAndEpoch(Activation activation) {
        Trainer trainer = new Trainer(config(activation, OptimizerType.SGD, 5, 0), TRAIN, null, TEST);
        Recorder recorder = new Recorder();

        TrainingResult result = trainer.train(recorder, () -> false);

        assertEquals(11, trainer.iterationsPerEpoch()); // ceil(1050 / 100)
        assertEquals(55, trainer.totalIterations());
        assertEquals(55, result.iterations());
        assertEquals(55, recorder.losses.size());
        assertEquals(1L, recorder.iterations.get(0));
        assertEquals(55L, recorder.iterations.get(54));
        assertEquals(5, recorder.epochs.size());
        assertEquals(recorder.epochs, result.history());
        EpochStats last = result.history().get(4);
        assertEquals(5, last.epoch());
        assertTrue(last.testAccuracy() > 0.9, "test accuracy " + last.testAccuracy());
        assertTrue(last.trainAccuracy() > 0.9, "train accuracy " + last.trainAccuracy());
        assertTrue(last.trainLoss() < result.history().get(0).trainLoss());
        assertTrue(recorder.losses.get(54) < recorder.losses.get(0));
        assertTrue(Double.isNaN(last.validationLoss()));
        assertTrue(last.seconds() > 0);
        assertFalse(result.stoppedEarly());
        // by default the train loss is the running mean of the epoch's batch losses, weighted by their rows
        double weighted = 0;
        for (int k = 44; k < 55; k++) {
            weighted += recorder.losses.get(k) * (k == 54 ? 50 : 100);
        }
        assertEquals(weighted / 1_050, last.trainLoss(), 1e-12);
        // the result's metrics are those of the returned weights: the test accuracy exactly
        TwoLayerNet net = new TwoLayerNet(result.parameters(), activation);
        assertEquals(net.accuracy(TEST.x(), TEST.labels()), result.testAccuracy(), 1e-12);
        assertEquals(last.testAccuracy(), result.testAccuracy());
        assertEquals(last.trainLoss(), result.trainLoss());
        assertEquals(last.trainAccuracy(), result.trainAccuracy());
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fullTrainMetricsPassOverTheWholeTrainingSetWithTheEpochsFinalWeights(Activation activation) {
        TrainerConfig running = config(activation, OptimizerType.SGD, 2, 0);
        TrainerConfig full = new TrainerConfig(running.hiddenSize(), activation, running.weightInit(),
                running.optimizer(), running.learningRate(), running.batchSize(), 2, 0, running.seed(), null,
                TrainMetrics.FULL);
        TrainingResult a = new Trainer(running, TRAIN, null, TEST).train(new Recorder(), () -> false);
        TrainingResult b = new Trainer(full, TRAIN, null, TEST).train(new Recorder(), () -> false);

        TwoLayerNet net = new TwoLayerNet(b.parameters(), activation);
        assertEquals(net.loss(TRAIN.x(), TRAIN.labels()), b.history().get(1).trainLoss(), 1e-5);
        assertEquals(net.accuracy(TRAIN.x(), TRAIN.labels()), b.history().get(1).trainAccuracy(), 1e-12);
        assertEquals(b.history().get(1).trainLoss(), b.trainLoss());
        // the same weights either way: only what is measured differs
        assertBitwiseEqual(a.parameters(), b.parameters());
        assertEquals(a.history().get(1).testAccuracy(), b.history().get(1).testAccuracy());
        assertTrue(a.history().get(1).trainLoss() != b.history().get(1).trainLoss());
    }

    @Test
    void theSameSeedAndConfigurationGiveBitwiseIdenticalWeights() {
        TrainerConfig c = config(Activation.SIGMOID, OptimizerType.MOMENTUM, 3, 0);
        TrainingResult a = new Trainer(c, TRAIN, null, TEST).train(new Recorder(), () -> false);
        TrainingResult b = new Trainer(c, TRAIN, null, TEST).train(new Recorder(), () -> false);
        TrainerConfig other = new TrainerConfig(16, Activation.SIGMOID, WeightInit.HE, OptimizerType.MOMENTUM, 0.1,
                100, 3, 0, 1235, null);
        TrainingResult c2 = new Trainer(other, TRAIN, null, TEST).train(new Recorder(), () -> false);

        assertBitwiseEqual(a.parameters(), b.parameters());
        assertEquals(a.history().get(2).trainLoss(), b.history().get(2).trainLoss());
        assertFalse(Arrays.equals(a.parameters().w1().data().asFloat(), c2.parameters().w1().data().asFloat()));
    }

    @Test
    void eachEpochVisitsEverySampleOnceInASeededOrder() {
        int[] order = Trainer.permutation(1_000, 7, 3);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(order, Trainer.permutation(1_000, 7, 3));
        assertFalse(Arrays.equals(order, Trainer.permutation(1_000, 7, 4)));
        assertFalse(Arrays.equals(order, Trainer.permutation(1_000, 8, 3)));
    }

    @Test
    void aFixedNumberOfIterationsEndsWithAPartialEpoch() {
        Trainer trainer = new Trainer(config(Activation.RELU, OptimizerType.SGD, 0, 25), TRAIN, null, TEST);
        Recorder recorder = new Recorder();

        TrainingResult result = trainer.train(recorder, () -> false);

        assertEquals(25, trainer.totalIterations());
        assertEquals(3, trainer.epochs());
        assertEquals(25, result.iterations());
        assertEquals(25, recorder.losses.size());
        assertEquals(List.of(1, 2, 3), recorder.epochs.stream().map(EpochStats::epoch).toList());
        assertEquals(25, recorder.checkpoints.get(2).iteration());
    }

    @Test
    void cancellationStopsBetweenIterations() {
        Trainer trainer = new Trainer(config(Activation.SIGMOID, OptimizerType.SGD, 5, 0), TRAIN, null, TEST);
        Recorder recorder = new Recorder();
        AtomicInteger polls = new AtomicInteger();

        TrainingCancelledException e = assertThrows(TrainingCancelledException.class,
                () -> trainer.train(recorder, () -> polls.incrementAndGet() > 13));

        assertEquals(13, recorder.losses.size());
        assertEquals(1, recorder.epochs.size());
        assertTrue(e.getMessage().contains("13"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TrainMetrics.class)
    void everyEpochIsReportedInOrderOnTheTrainingThreadWithTheSnapshotsOwnMeasures(TrainMetrics metrics) {
        // the test pass of an epoch runs while the next one trains: what it measures must still be that epoch's
        TrainerConfig c = new TrainerConfig(16, Activation.SIGMOID, WeightInit.HE, OptimizerType.MOMENTUM, 0.1, 100,
                0, 47, 1234, null, metrics);
        Recorder recorder = new Recorder();

        TrainingResult result = new Trainer(c, TRAIN, null, TEST).train(recorder, () -> false);

        assertEquals(List.of(1, 2, 3, 4, 5), recorder.epochs.stream().map(EpochStats::epoch).toList());
        assertEquals(recorder.epochs, result.history());
        assertEquals(List.of(Thread.currentThread()), recorder.epochThreads.stream().distinct().toList());
        for (int e = 1; e <= 5; e++) {
            Checkpoint checkpoint = recorder.checkpoints.get(e - 1);
            EpochStats stats = recorder.epochs.get(e - 1);
            assertEquals(e, checkpoint.completedEpochs());
            assertEquals(Math.min(e * 11L, 47), checkpoint.iteration());
            assertEquals(result.history().subList(0, e), checkpoint.history());
            TwoLayerNet net = new TwoLayerNet(checkpoint.parameters(), Activation.SIGMOID);
            assertEquals(net.accuracy(TEST.x(), TEST.labels()), stats.testAccuracy(), 1e-12, "epoch " + e);
            if (metrics == TrainMetrics.FULL) {
                assertEquals(net.accuracy(TRAIN.x(), TRAIN.labels()), stats.trainAccuracy(), 1e-12, "epoch " + e);
            }
        }
        assertBitwiseEqual(result.parameters(), recorder.checkpoints.get(4).parameters());
    }

    @Test
    void cancellingTheEpochAfterOneFinishedStillReportsIt() {
        Trainer trainer = new Trainer(config(Activation.RELU, OptimizerType.SGD, 5, 0), TRAIN, null, TEST);
        Recorder recorder = new Recorder();
        AtomicInteger polls = new AtomicInteger();

        // cancelled before epoch 2's first iteration, while epoch 1's test pass has only just been handed over
        assertThrows(TrainingCancelledException.class, () -> trainer.train(recorder, () -> polls.incrementAndGet() > 11));

        assertEquals(11, recorder.losses.size());
        assertEquals(1, recorder.epochs.size());
        Checkpoint checkpoint = recorder.checkpoints.get(0);
        assertEquals(1, checkpoint.completedEpochs());
        assertEquals(recorder.epochs, checkpoint.history());
        TwoLayerNet net = new TwoLayerNet(checkpoint.parameters(), Activation.RELU);
        assertEquals(net.accuracy(TEST.x(), TEST.labels()), recorder.epochs.get(0).testAccuracy(), 1e-12);
    }

    @Test
    void theEpochsSecondsAreTheWaitsBetweenTheirReportsAndAddUpToTheRun() {
        // a listener that takes its time over each epoch (as a slow checkpoint write would): the user waits for it too
        long[] listenerNanos = new long[1];
        long[] lastReport = new long[1];
        Recorder recorder = new Recorder() {
            @Override
            public void onEpoch(EpochStats stats, Checkpoint checkpoint) {
                long start = System.nanoTime();
                lastReport[0] = start;
                super.onEpoch(stats, checkpoint);
                if (stats.epoch() < 5) {
                    sleep(40);
                    listenerNanos[0] += System.nanoTime() - start;
                }
            }
        };
        Trainer trainer = new Trainer(config(Activation.RELU, OptimizerType.SGD, 5, 0), TRAIN, null, TEST);

        long start = System.nanoTime();
        trainer.train(recorder, () -> false);

        double sum = recorder.epochs.stream().mapToDouble(EpochStats::seconds).sum();
        // the first epoch's seconds start inside train(), the last end before its report
        assertTrue(sum <= (lastReport[0] - start) / 1e9, sum + " s");
        // every report but the last lies between two records, so its time is in the next epoch's seconds
        assertTrue(sum >= listenerNanos[0] / 1e9, sum + " s, listener " + listenerNanos[0] / 1e9 + " s");
        assertTrue(recorder.epochs.stream().allMatch(s -> s.seconds() > 0));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void resumingFromACheckpointEqualsTheUninterruptedRun(OptimizerType optimizer) {
        TrainerConfig c = config(Activation.RELU, optimizer, 4, 0);
        Recorder full = new Recorder();
        TrainingResult uninterrupted = new Trainer(c, TRAIN, null, TEST).train(full, () -> false);

        // a run cancelled in epoch 3, resumed from its last checkpoint (end of epoch 2) by a fresh trainer
        Recorder first = new Recorder();
        AtomicInteger polls = new AtomicInteger();
        assertThrows(TrainingCancelledException.class,
                () -> new Trainer(c, TRAIN, null, TEST).train(first, () -> polls.incrementAndGet() > 27));
        Checkpoint checkpoint = first.checkpoints.get(1);
        assertEquals(2, checkpoint.completedEpochs());
        assertEquals(22, checkpoint.iteration());
        Recorder second = new Recorder();
        TrainingResult resumed = new Trainer(c, TRAIN, null, TEST).resume(checkpoint, second, () -> false);

        assertBitwiseEqual(uninterrupted.parameters(), resumed.parameters());
        assertEquals(uninterrupted.history(), withSecondsOf(uninterrupted.history(), resumed.history()));
        assertEquals(full.losses.subList(22, 44), second.losses);
        assertEquals(23L, second.iterations.get(0));
        assertEquals(44, resumed.iterations());
    }

    /** Epoch stats with the wall times replaced, since only those may differ between two runs. */
    private static List<EpochStats> withSecondsOf(List<EpochStats> reference, List<EpochStats> stats) {
        List<EpochStats> out = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            EpochStats s = stats.get(i);
            out.add(new EpochStats(s.epoch(), s.trainLoss(), s.trainAccuracy(), s.testAccuracy(), s.validationLoss(),
                    reference.get(i).seconds()));
        }
        return out;
    }

    @Test
    void checkpointsAreSnapshots() {
        Recorder recorder = new Recorder();
        TrainingResult result = new Trainer(config(Activation.SIGMOID, OptimizerType.ADAM, 3, 0), TRAIN, null, TEST)
                .train(recorder, () -> false);

        Checkpoint first = recorder.checkpoints.get(0);
        Checkpoint last = recorder.checkpoints.get(2);
        assertFalse(Arrays.equals(first.parameters().w1().data().asFloat(), last.parameters().w1().data().asFloat()));
        assertBitwiseEqual(result.parameters(), last.parameters());
        assertEquals(11, first.optimizerStep());
        assertEquals(33, last.optimizerStep());
        assertEquals(8, last.optimizerState().size());
        assertEquals(1, first.history().size());
        assertEquals(3, last.history().size());
    }

    @Test
    void earlyStoppingKeepsTheBestWeights() {
        // random labels: whatever the net memorises of the training set makes the validation loss worse
        LabeledData small = noise(60, 9);
        LabeledData validation = noise(200, 10);
        TrainerConfig c = new TrainerConfig(32, Activation.RELU, WeightInit.HE, OptimizerType.SGD, 0.5, 10, 60, 0,
                1, new EarlyStopping(2, 0.0));
        Recorder recorder = new Recorder();

        TrainingResult result = new Trainer(c, small, validation, TEST).train(recorder, () -> false);

        assertTrue(result.stoppedEarly());
        List<EpochStats> h = result.history();
        assertTrue(h.size() < 60);
        int best = 0;
        for (int i = 1; i < h.size(); i++) {
            if (h.get(i).validationLoss() < h.get(best).validationLoss()) {
                best = i;
            }
        }
        assertEquals(h.size() - 3, best, "stopped two epochs after the best");
        double bestLoss = new TwoLayerNet(result.parameters(), Activation.RELU).loss(validation.x(), validation.labels());
        assertEquals(h.get(best).validationLoss(), bestLoss, 1e-5);
        // the result measures the best weights, not the last epoch's
        TwoLayerNet bestNet = new TwoLayerNet(result.parameters(), Activation.RELU);
        assertEquals(bestNet.accuracy(TEST.x(), TEST.labels()), result.testAccuracy(), 1e-12);
        assertEquals(bestNet.loss(small.x(), small.labels()), result.trainLoss(), 1e-5);
        Checkpoint lastCheckpoint = recorder.checkpoints.get(recorder.checkpoints.size() - 1);
        assertNotNull(lastCheckpoint.best());
        assertEquals(2, lastCheckpoint.epochsWithoutImprovement());
        assertEquals(h.get(best).validationLoss(), lastCheckpoint.bestLoss());
    }

    private static LabeledData noise(int n, long seed) {
        LabeledData d = SyntheticData.uniform64(n, 20, 4, seed);
        return new LabeledData(d.x().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), d.labels());
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(Activation.RELU, OptimizerType.SGD, 2, 10), TRAIN, null, TEST));
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(Activation.RELU, OptimizerType.SGD, 0, 0), TRAIN, null, TEST));
        TrainerConfig early = new TrainerConfig(16, Activation.RELU, WeightInit.HE, OptimizerType.SGD, 0.1, 100, 2, 0,
                1, new EarlyStopping(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Trainer(early, TRAIN, null, TEST));
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(Activation.RELU, OptimizerType.SGD, 2, 0), TRAIN, null, TEST, 3));
    }
}
