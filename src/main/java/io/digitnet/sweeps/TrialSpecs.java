package io.digitnet.sweeps;

import io.digitnet.training.JobSpec;
import io.digitnet.training.JobViolation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Turns a trial's values (the base with the swept values laid over it) into a {@link JobSpec}. */
final class TrialSpecs {

    /** What a sweep may vary. */
    static final List<String> SWEEPABLE = List.of("dataset", "hiddenSize", "activation", "weightInit", "optimizer",
            "learningRate", "batchSize", "epochs", "iterations", "seed");
    /** What a base may hold: the job fields, less the name (trials are named after their sweep). */
    static final List<String> BASE_FIELDS = List.of("dataset", "hiddenSize", "activation", "weightInit",
            "optimizer", "learningRate", "batchSize", "epochs", "iterations", "seed", "earlyStopping",
            "gradientCheck");
    static final Set<String> WHOLE = Set.of("hiddenSize", "batchSize", "epochs", "iterations", "seed");
    static final Set<String> NUMERIC = Set.of("hiddenSize", "batchSize", "epochs", "iterations", "seed",
            "learningRate");

    private TrialSpecs() {
    }

    /**
     * @param field names a parameter in violations (e.g. {@code hiddenSize → grid.hiddenSize})
     */
    static JobSpec toSpec(String name, Map<String, Object> values, UnaryOperator<String> field,
                          List<JobViolation> violations) {
        JobSpec.EarlyStoppingSpec stopping = null;
        Object early = values.get("earlyStopping");
        if (early instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!"patience".equals(key) && !"minDelta".equals(key)) {
                    violations.add(new JobViolation(field.apply("earlyStopping") + "." + key,
                            "unknown field; known fields: patience, minDelta"));
                }
            }
            stopping = new JobSpec.EarlyStoppingSpec(whole(map.get("patience"), field.apply("earlyStopping")
                    + ".patience", violations), number(map.get("minDelta"), field.apply("earlyStopping")
                    + ".minDelta", violations));
        } else if (early != null) {
            violations.add(new JobViolation(field.apply("earlyStopping"),
                    "must be an object such as {\"patience\":3}"));
        }
        Object check = values.get("gradientCheck");
        if (check != null && !(check instanceof Boolean)) {
            violations.add(new JobViolation(field.apply("gradientCheck"), "must be true or false"));
        }
        return new JobSpec(name, text(values, "dataset", field, violations),
                whole(values.get("hiddenSize"), field.apply("hiddenSize"), violations),
                text(values, "activation", field, violations), text(values, "weightInit", field, violations),
                text(values, "optimizer", field, violations),
                number(values.get("learningRate"), field.apply("learningRate"), violations),
                whole(values.get("batchSize"), field.apply("batchSize"), violations),
                whole(values.get("epochs"), field.apply("epochs"), violations),
                whole(values.get("iterations"), field.apply("iterations"), violations),
                whole(values.get("seed"), field.apply("seed"), violations), stopping,
                check instanceof Boolean b ? b : null);
    }

    private static String text(Map<String, Object> values, String key, UnaryOperator<String> field,
                               List<JobViolation> violations) {
        Object value = values.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        violations.add(new JobViolation(field.apply(key), "must be a string, was " + value));
        return null;
    }

    static Double number(Object value, String field, List<JobViolation> violations) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        violations.add(new JobViolation(field, "must be a number, was " + value));
        return null;
    }

    static Long whole(Object value, String field, List<JobViolation> violations) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            BigDecimal decimal = new BigDecimal(n.toString());
            if (decimal.stripTrailingZeros().scale() <= 0) {
                try {
                    return decimal.longValueExact();
                } catch (ArithmeticException e) {
                    violations.add(new JobViolation(field, "is far too large, was " + value));
                    return null;
                }
            }
        }
        violations.add(new JobViolation(field, "must be a whole number, was " + value));
        return null;
    }
}
