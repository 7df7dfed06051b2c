package io.digitnet.training;

import io.digitnet.nn.Activation;
import io.digitnet.nn.EarlyStopping;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainMetrics;
import io.digitnet.nn.TrainerConfig;
import io.digitnet.nn.WeightInit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every effective hyperparameter of a job, defaults and the drawn seed included; what {@code GET /jobs/{id}} shows
 * as {@code config} and what the model records as its training configuration. Built by {@link JobConfigResolver}.
 *
 * @param epochs        epochs to train, or null when {@code iterations} is given
 * @param iterations    mini-batch iterations to train, or null when {@code epochs} is given
 * @param randomSeed    true when the caller gave no seed and {@code seed} was drawn at random
 * @param earlyStopping null when not requested
 * @param validation    the held-out part of the training set that early stopping watches, null without it
 * @param trainSize     samples trained on (the training set less the validation part)
 * @param trainMetrics  how each epoch's trainLoss and trainAccuracy are measured: {@code running} (means over the
 *                      epoch's batches, free; the default) or {@code full} (a pass over the training set at the
 *                      epoch's end); a record without it (written before it existed) reads as {@code running}
 */
public record JobConfig(String dataset, int hiddenSize, String activation, String weightInit, String optimizer,
                        double learningRate, int batchSize, Integer epochs, Integer iterations, long seed,
                        boolean randomSeed, EarlyStop earlyStopping, Validation validation, int trainSize,
                        boolean gradientCheck, String trainMetrics) {

    public static final String RUNNING = "running";

    public JobConfig {
        trainMetrics = trainMetrics == null ? RUNNING : trainMetrics;
    }

    /** With running train metrics. */
    public JobConfig(String dataset, int hiddenSize, String activation, String weightInit, String optimizer,
                     double learningRate, int batchSize, Integer epochs, Integer iterations, long seed,
                     boolean randomSeed, EarlyStop earlyStopping, Validation validation, int trainSize,
                     boolean gradientCheck) {
        this(dataset, hiddenSize, activation, weightInit, optimizer, learningRate, batchSize, epochs, iterations,
                seed, randomSeed, earlyStopping, validation, trainSize, gradientCheck, RUNNING);
    }

    /** Stop after {@code patience} epochs without a validation-loss improvement larger than {@code minDelta}. */
    public record EarlyStop(int patience, double minDelta) {
    }

    /** The last {@code size} samples (a {@code fraction} of the training set, in file order) are held out. */
    public record Validation(double fraction, int size) {
    }

    /** ceil(trainSize / batchSize). */
    public int iterationsPerEpoch() {
        return (trainSize + batchSize - 1) / batchSize;
    }

    /** The iterations the run will take unless early stopping ends it sooner. */
    public long plannedIterations() {
        return epochs != null ? (long) epochs * iterationsPerEpoch() : iterations;
    }

    /** Epochs the run touches, the last one possibly partial when counted in iterations. */
    public int plannedEpochs() {
        return epochs != null ? epochs : (int) ((iterations + iterationsPerEpoch() - 1) / iterationsPerEpoch());
    }

    /** Training samples processed after {@code iteration} iterations (the last batch of an epoch may be short). */
    public long samplesAfter(long iteration) {
        int perEpoch = iterationsPerEpoch();
        long fullEpochs = iteration / perEpoch;
        long rest = iteration % perEpoch;
        return fullEpochs * trainSize + Math.min(rest * batchSize, trainSize);
    }

    public TrainerConfig trainerConfig() {
        EarlyStopping stopping = earlyStopping == null ? null
                : new EarlyStopping(earlyStopping.patience(), earlyStopping.minDelta());
        return new TrainerConfig(hiddenSize, enumOf(Activation.class, activation),
                enumOf(WeightInit.class, weightInit), enumOf(OptimizerType.class, optimizer), learningRate,
                batchSize, epochs == null ? 0 : epochs, iterations == null ? 0 : iterations, seed, stopping,
                enumOf(TrainMetrics.class, trainMetrics));
    }

    /** The same content as the JSON of this record, for the model's metadata. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dataset", dataset);
        map.put("hiddenSize", hiddenSize);
        map.put("activation", activation);
        map.put("weightInit", weightInit);
        map.put("optimizer", optimizer);
        map.put("learningRate", learningRate);
        map.put("batchSize", batchSize);
        map.put("epochs", epochs);
        map.put("iterations", iterations);
        map.put("seed", seed);
        map.put("randomSeed", randomSeed);
        map.put("earlyStopping", earlyStopping == null ? null
                : Map.of("patience", earlyStopping.patience(), "minDelta", earlyStopping.minDelta()));
        map.put("validation", validation == null ? null
                : Map.of("fraction", validation.fraction(), "size", validation.size()));
        map.put("trainSize", trainSize);
        map.put("gradientCheck", gradientCheck);
        map.put("trainMetrics", trainMetrics);
        return map;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String lowerCaseName) {
        return Enum.valueOf(type, lowerCaseName.toUpperCase(Locale.ROOT));
    }
}
