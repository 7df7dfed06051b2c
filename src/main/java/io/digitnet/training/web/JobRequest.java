package io.digitnet.training.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.digitnet.nn.Activation;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainMetrics;
import io.digitnet.nn.WeightInit;
import io.digitnet.training.JobSpec;
import io.digitnet.training.JobViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /jobs}; every field is optional. Unknown fields are collected rather than ignored
 * (Boot's JSON mapper ignores them globally, and {@code @JsonIgnoreProperties(ignoreUnknown = false)} cannot
 * override that), so that a typo such as {@code hidenSize} is answered with a 400 naming it.
 * Whole numbers are read as {@link Number} because Jackson would silently truncate 1.5 to 1 for an Integer.
 * The enums are read as text and parsed by the resolver, so that an unknown value is reported with every other
 * problem of the request (a 400 naming the field and the allowed values); the document lists their values.
 */
record JobRequest(@Schema(description = "Names the job and its model", example = "first-net") String name,
                  @Schema(description = "A dataset named by GET /datasets: the built-in mnist or fashion-mnist, or "
                          + "an uploaded one (not a fixed set, so not an enum)", defaultValue = "mnist",
                          example = "mnist") String dataset,
                  @Schema(description = "Hidden units", defaultValue = "50", example = "100") Number hiddenSize,
                  @Schema(implementation = Activation.class, defaultValue = "sigmoid") String activation,
                  @Schema(implementation = WeightInit.class, defaultValue = "std") String weightInit,
                  @Schema(implementation = OptimizerType.class, defaultValue = "sgd") String optimizer,
                  @Schema(description = "Default: 0.1 for sgd, 0.01 for momentum, 0.001 for adam", example = "0.1")
                  Double learningRate,
                  @Schema(defaultValue = "100", example = "100") Number batchSize,
                  @Schema(description = "Give epochs or iterations, not both", defaultValue = "5", example = "5")
                  Number epochs,
                  @Schema(example = "3000") Number iterations,
                  @Schema(description = "Drawn at random when not given", example = "42") Number seed,
                  EarlyStoppingRequest earlyStopping, Boolean gradientCheck,
                  @Schema(description = "How each epoch's trainLoss and trainAccuracy are measured: 'running' "
                          + "(default) = means over the epoch's mini-batches, from the forward passes training makes "
                          + "anyway, as Keras reports them; 'full' = one more pass over the whole training set with "
                          + "the weights at the epoch's end (the notebook's way; about a quarter of an epoch's time "
                          + "more). testAccuracy is always a full pass over the test set.",
                          implementation = TrainMetrics.class, defaultValue = "running") String trainMetrics,
                  @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknownFields) {

    record EarlyStoppingRequest(@Schema(defaultValue = "3", example = "3") Number patience,
                                @Schema(defaultValue = "0", example = "0.001") Double minDelta,
                                @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknownFields) {
    }

    /** What was asked for; a field that could not be read (see {@link #readErrors()}) is left null. */
    JobSpec toSpec() {
        List<JobViolation> ignored = new ArrayList<>();
        JobSpec.EarlyStoppingSpec stopping = earlyStopping == null ? null : new JobSpec.EarlyStoppingSpec(
                whole(earlyStopping.patience(), "earlyStopping.patience", ignored), earlyStopping.minDelta());
        return new JobSpec(name, dataset, whole(hiddenSize, "hiddenSize", ignored), activation, weightInit,
                optimizer, learningRate, whole(batchSize, "batchSize", ignored), whole(epochs, "epochs", ignored),
                whole(iterations, "iterations", ignored), whole(seed, "seed", ignored), stopping, gradientCheck,
                trainMetrics);
    }

    /** Unknown fields and numbers that are not whole, each naming its field. */
    List<JobViolation> readErrors() {
        List<JobViolation> violations = new ArrayList<>();
        unknown(unknownFields, "", JobRequest.class, violations);
        whole(hiddenSize, "hiddenSize", violations);
        whole(batchSize, "batchSize", violations);
        whole(epochs, "epochs", violations);
        whole(iterations, "iterations", violations);
        whole(seed, "seed", violations);
        if (earlyStopping != null) {
            unknown(earlyStopping.unknownFields(), "earlyStopping.", EarlyStoppingRequest.class, violations);
            whole(earlyStopping.patience(), "earlyStopping.patience", violations);
        }
        return violations;
    }

    private static void unknown(Map<String, Object> fields, String prefix, Class<? extends Record> type,
                                List<JobViolation> violations) {
        if (fields == null || fields.isEmpty()) {
            return;
        }
        List<String> known = Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
                .filter(n -> !n.equals("unknownFields")).toList();
        for (String field : fields.keySet()) {
            String closest = known.stream().min(Comparator.comparingInt(k -> distance(k, field))).orElseThrow();
            String hint = distance(closest, field) <= 2 ? "did you mean '" + closest + "'? " : "";
            violations.add(new JobViolation(prefix + field,
                    "unknown field; " + hint + "known fields: " + String.join(", ", known)));
        }
    }

    private static Long whole(Number value, String field, List<JobViolation> violations) {
        if (value == null) {
            return null;
        }
        BigDecimal decimal = value instanceof BigDecimal d ? d
                : value instanceof BigInteger i ? new BigDecimal(i)
                : value instanceof Double || value instanceof Float ? toDecimal(value.doubleValue())
                : BigDecimal.valueOf(value.longValue());
        if (decimal == null || decimal.stripTrailingZeros().scale() > 0) {
            violations.add(new JobViolation(field, "must be a whole number, was " + value));
            return null;
        }
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException e) {
            violations.add(new JobViolation(field, "is far too large, was " + value));
            return null;
        }
    }

    private static BigDecimal toDecimal(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
    }

    /** Levenshtein distance, ignoring case: good enough to spot a typo among a dozen names. */
    private static int distance(String a, String b) {
        a = a.toLowerCase();
        b = b.toLowerCase();
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
