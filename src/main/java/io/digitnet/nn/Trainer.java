package io.digitnet.nn;

import io.digitnet.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Mini-batch training: epochs of shuffled batches (a permutation seeded by the run's seed and the epoch number, every
 * sample once per epoch) or a fixed number of iterations (the last epoch then partial); per-epoch train loss and
 * accuracy ({@link TrainMetrics}: running means over the epoch's batches, or a full pass at its end), test accuracy,
 * validation loss, wall time. An epoch's test pass (and full train pass) runs on a thread of its own while the next
 * epoch trains ({@link EpochEvaluator}); the epoch is reported between two iterations of the next one, on the
 * training thread, and before the run ends or throws.
 *
 * <p>Because each epoch's permutation depends only on the seed and the epoch number, a run resumed from an epoch's
 * {@link Checkpoint} continues exactly as the uninterrupted run would have, bit for bit. The work of each iteration
 * is done by {@link TrainingStep} (float32, BLAS); {@link TwoLayerNet} is its tested reference.
 */
public final class Trainer {

    private final TrainerConfig config;
    private final LabeledData train;
    private final LabeledData validation;
    private final LabeledData test;
    private final int inputSize;
    private final int outputSize;
    private final int iterationsPerEpoch;
    private final long totalIterations;
    private final int epochs; // including a partial last epoch in iteration mode

    /**
     * @param validation held-out data for early stopping, or null
     */
    public Trainer(TrainerConfig config, LabeledData train, LabeledData validation, LabeledData test) {
        this(config, train, validation, test, classCount(train, validation, test));
    }

    /** As above with the number of classes given (labels must lie in 0..outputSize−1). */
    public Trainer(TrainerConfig config, LabeledData train, LabeledData validation, LabeledData test, int outputSize) {
        validate(config, train, validation, test);
        this.config = config;
        this.train = dense(train);
        this.validation = validation == null ? null : dense(validation);
        this.test = dense(test);
        this.inputSize = (int) train.x().size(1);
        this.outputSize = outputSize;
        for (LabeledData d : new LabeledData[]{train, validation, test}) {
            if (d != null) {
                checkLabels(d, outputSize);
            }
        }
        this.iterationsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        this.totalIterations = config.epochs() > 0
                ? (long) config.epochs() * iterationsPerEpoch : config.iterations();
        this.epochs = (int) ((totalIterations + iterationsPerEpoch - 1) / iterationsPerEpoch);
    }

    /** Iterations per epoch: ceil(train size / batch size). */
    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    /** Total iterations of the run (fewer if early stopping ends it). */
    public long totalIterations() {
        return totalIterations;
    }

    /** Epochs of the run, counting a partial last epoch of an iteration-count run. */
    public int epochs() {
        return epochs;
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return outputSize;
    }

    /**
     * Runs from fresh weights. {@code cancelled} is polled between iterations.
     *
     * @throws TrainingDivergedException when the loss of an iteration is not finite
     */
    public TrainingResult train(TrainingListener listener, BooleanSupplier cancelled) {
        Parameters parameters = Parameters.initialize(inputSize, config.hiddenSize(), outputSize,
                config.weightInit(), config.seed(), DataType.FLOAT);
        Optimizer optimizer = Optimizer.create(config.optimizer(), config.learningRate());
        return run(new TrainingProgress(parameters, optimizer, 0, 0, null, Double.NaN, 0, new ArrayList<>()),
                listener, cancelled);
    }

    /** Continues a run from a checkpoint taken by the same configuration. */
    public TrainingResult resume(Checkpoint checkpoint, TrainingListener listener, BooleanSupplier cancelled) {
        Parameters p = checkpoint.parameters();
        if (p.inputSize() != inputSize || p.hiddenSize() != config.hiddenSize() || p.outputSize() != outputSize) {
            throw new IllegalArgumentException("checkpoint weights are " + p.inputSize() + "-" + p.hiddenSize() + "-"
                    + p.outputSize() + ", this run is " + inputSize + "-" + config.hiddenSize() + "-" + outputSize);
        }
        long expectedIteration = Math.min((long) checkpoint.completedEpochs() * iterationsPerEpoch, totalIterations);
        if (checkpoint.completedEpochs() < 0 || checkpoint.completedEpochs() > epochs
                || checkpoint.iteration() != expectedIteration) {
            throw new IllegalArgumentException("checkpoint at epoch " + checkpoint.completedEpochs() + ", iteration "
                    + checkpoint.iteration() + " does not belong to this run (" + epochs + " epochs of "
                    + iterationsPerEpoch + " iterations)");
        }
        Optimizer optimizer = Optimizer.create(config.optimizer(), config.learningRate());
        optimizer.restore(checkpoint.optimizerState(), checkpoint.optimizerStep());
        Parameters best = checkpoint.best() == null ? null : checkpoint.best().copy(DataType.FLOAT);
        return run(new TrainingProgress(p.copy(DataType.FLOAT), optimizer, checkpoint.completedEpochs(),
                        checkpoint.iteration(), best, checkpoint.bestLoss(), checkpoint.epochsWithoutImprovement(),
                        new ArrayList<>(checkpoint.history())),
                listener, cancelled);
    }

    private TrainingResult run(TrainingProgress progress, TrainingListener listener, BooleanSupplier cancelled) {
        try (EpochEvaluator finished = new EpochEvaluator(config.activation(), test,
                config.trainMetrics() == TrainMetrics.FULL ? train : null, progress.history, listener)) {
            return run(progress, listener, cancelled, finished);
        }
    }

    private TrainingResult run(TrainingProgress progress, TrainingListener listener, BooleanSupplier cancelled,
                               EpochEvaluator finished) {
        NativeThreads.ensureConfigured();
        EarlyStopping earlyStopping = config.earlyStopping();
        boolean stoppedEarly = earlyStopping != null && progress.epochsWithoutImprovement >= earlyStopping.patience();
        TrainingStep step = new TrainingStep(progress.parameters, config.activation(), progress.optimizer, train,
                config.batchSize());
        Evaluation evaluation = new Evaluation(new FastForward(progress.parameters, config.activation()));
        int n = train.size();
        int batch = config.batchSize();
        while (!stoppedEarly && progress.completedEpochs < epochs) {
            int epoch = progress.completedEpochs + 1;
            int[] order = permutation(n, config.seed(), epoch);
            long iterations = Math.min(iterationsPerEpoch, totalIterations - progress.iteration);
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            for (int k = 0; k < iterations; k++) {
                finished.recordIfDone();
                if (cancelled.getAsBoolean()) {
                    finished.awaitAndRecord(); // no finished epoch is lost from the history and the checkpoints
                    throw new TrainingCancelledException(progress.iteration);
                }
                int from = k * batch;
                int rows = Math.min(batch, n - from);
                double loss = step.run(order, from, rows);
                lossSum += loss * rows;
                correct += step.correct();
                seen += rows;
                progress.iteration++;
                if (!Double.isFinite(loss)) {
                    finished.awaitAndRecord();
                    throw new TrainingDivergedException(epoch, progress.iteration);
                }
                listener.onIteration(epoch, progress.iteration, totalIterations, loss);
            }
            // early stopping needs the validation loss to decide whether to go on: measured here, the rest meanwhile
            double validationLoss = validation == null ? Double.NaN : evaluation.evaluate(validation).loss();
            progress.completedEpochs = epoch;
            if (earlyStopping != null) {
                stoppedEarly = progress.recordValidationLoss(validationLoss, earlyStopping);
            }
            finished.awaitAndRecord(); // the previous epoch, so that this snapshot's history holds it
            finished.submit(epoch, new Evaluation.Result(lossSum / seen, (double) correct / seen), validationLoss,
                    progress.checkpoint());
        }
        finished.awaitAndRecord();
        if (progress.best != null) {
            // early stopping's best weights: measured again (a fast pass), they are not the last epoch's
            Evaluation best = new Evaluation(new FastForward(progress.best, config.activation()));
            Evaluation.Result onTrain = best.evaluate(train);
            return new TrainingResult(progress.best, List.copyOf(progress.history), progress.iteration, stoppedEarly,
                    best.evaluate(test).accuracy(), onTrain.loss(), onTrain.accuracy());
        }
        EpochStats last = progress.history.get(progress.history.size() - 1);
        return new TrainingResult(progress.parameters, List.copyOf(progress.history), progress.iteration,
                stoppedEarly, last.testAccuracy(), last.trainLoss(), last.trainAccuracy());
    }

    /** The order of the samples in an epoch: a Fisher–Yates shuffle seeded by the run's seed and the epoch only. */
    static int[] permutation(int n, long seed, int epoch) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void validate(TrainerConfig c, LabeledData train, LabeledData validation, LabeledData test) {
        if (c.hiddenSize() < 1) {
            throw new IllegalArgumentException("hiddenSize must be positive, got " + c.hiddenSize());
        }
        if (c.batchSize() < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + c.batchSize());
        }
        if ((c.epochs() > 0) == (c.iterations() > 0) || c.epochs() < 0 || c.iterations() < 0) {
            throw new IllegalArgumentException("exactly one of epochs (" + c.epochs() + ") and iterations ("
                    + c.iterations() + ") must be positive");
        }
        if (!(c.learningRate() > 0) || Double.isInfinite(c.learningRate())) {
            throw new IllegalArgumentException("learningRate must be positive, got " + c.learningRate());
        }
        if (c.activation() == null || c.weightInit() == null || c.optimizer() == null) {
            throw new IllegalArgumentException("activation, weightInit and optimizer are required");
        }
        if (c.earlyStopping() != null) {
            if (validation == null) {
                throw new IllegalArgumentException("early stopping needs a validation set");
            }
            if (c.earlyStopping().patience() < 1 || c.earlyStopping().minDelta() < 0) {
                throw new IllegalArgumentException("early stopping needs patience >= 1 and minDelta >= 0, got "
                        + c.earlyStopping());
            }
        }
        if (train == null || train.size() == 0 || test == null) {
            throw new IllegalArgumentException("training data must not be empty and test data is required");
        }
        for (LabeledData d : new LabeledData[]{train, validation, test}) {
            if (d != null && (d.x().rank() != 2 || d.x().size(0) != d.size() || d.x().size(1) != train.x().size(1))) {
                throw new IllegalArgumentException("inputs must be [n, " + train.x().size(1) + "] with one label per row");
            }
        }
    }

    private static void checkLabels(LabeledData data, int classes) {
        for (int label : data.labels()) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
            }
        }
    }

    /** One more than the largest label seen. */
    private static int classCount(LabeledData... sets) {
        int max = 0;
        for (LabeledData d : sets) {
            if (d != null) {
                for (int label : d.labels()) {
                    max = Math.max(max, label);
                }
            }
        }
        return max + 1;
    }

    private static LabeledData dense(LabeledData d) {
        return new LabeledData(NativeArrays.denseFloat(d.x()), d.labels());
    }
}
