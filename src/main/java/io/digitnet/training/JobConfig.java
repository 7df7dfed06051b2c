package io.digitnet.training;

import io.digitnet.nn.Activation;
import io.digitnet.nn.EarlyStopping;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainMetrics;
import io.digitnet.nn.TrainerConfig;
import io.digitnet.nn.WeightInit;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
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
 * <p>The enums appear in JSON (the API and {@code job.json}) by their lower-case names ("relu", "he", "adam"), as
 * records written by earlier versions hold them. The dataset stays a name: the catalog is not a fixed set (uploads
 * add to it), so it is checked against the catalog when a job is submitted.
 *
 * @param dataset       a name in the dataset catalog ("mnist", "fashion-mnist" or an uploaded one)
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
public record JobConfig(@Schema(example = "mnist") String dataset, @Schema(example = "50") int hiddenSize,
                        Activation activation, WeightInit weightInit, OptimizerType optimizer,
                        @Schema(example = "0.1") double learningRate, @Schema(example = "100") int batchSize,
                        @Schema(example = "5") Integer epochs, Integer iterations,
                        @Schema(example = "1234567") long seed, boolean randomSeed, EarlyStop earlyStopping,
                        Validation validation, @Schema(example = "60000") int trainSize, boolean gradientCheck,
                        TrainMetrics trainMetrics) {

    public JobConfig {
        trainMetrics = trainMetrics == null ? TrainMetrics.RUNNING : trainMetrics;
    }

    /** With running train metrics. */
    public JobConfig(String dataset, int hiddenSize, Activation activation, WeightInit weightInit,
                     OptimizerType optimizer,
                     double learningRate, int batchSize, Integer epochs, Integer iterations, long seed,
                     boolean randomSeed, EarlyStop earlyStopping, Validation validation, int trainSize,
                     boolean gradientCheck) {
        this(dataset, hiddenSize, activation, weightInit, optimizer, learningRate, batchSize, epochs, iterations,
                seed, randomSeed, earlyStopping, validation, trainSize, gradientCheck, TrainMetrics.RUNNING);
    }

    /** Stop after {@code patience} epochs without a validation-loss improvement larger than {@code minDelta}. */
    public record EarlyStop(@Schema(example = "3") int patience, @Schema(example = "0.0") double minDelta) {
    }

    /** The last {@code size} samples (a {@code fraction} of the training set, in file order) are held out. */
    public record Validation(@Schema(example = "0.1") double fraction, @Schema(example = "6000") int size) {
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
        return new TrainerConfig(hiddenSize, activation, weightInit, optimizer, learningRate, batchSize,
                epochs == null ? 0 : epochs, iterations == null ? 0 : iterations, seed, stopping, trainMetrics);
    }

    /** The same content as the JSON of this record (enums by their names), for the model's metadata. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dataset", dataset);
        map.put("hiddenSize", hiddenSize);
        map.put("activation", activation.id());
        map.put("weightInit", weightInit.id());
        map.put("optimizer", optimizer.id());
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
        map.put("trainMetrics", trainMetrics.id());
        return map;
    }
}
