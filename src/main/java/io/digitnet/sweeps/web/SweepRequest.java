package io.digitnet.sweeps.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.digitnet.sweeps.SweepSpec;
import io.digitnet.training.JobViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /sweeps}. Unknown fields are collected (Boot's mapper ignores them) so that a typo is a 400
 * naming it; whole numbers are read as {@link Number} so that 1.5 is refused rather than truncated.
 */
@Schema(description = "A sweep: the base job configuration, and the parameters to vary")
record SweepRequest(
        @Schema(description = "Names the sweep and its trials (name #1, #2...)", example = "activations") String name,
        @Schema(description = "Any job configuration (as POST /jobs, without name); what every trial starts from",
                example = "{\"hiddenSize\":20,\"epochs\":2,\"batchSize\":200,\"seed\":7}") Map<String, Object> base,
        @Schema(description = "Parameter → values; every combination is a trial",
                example = "{\"hiddenSize\":[50,100],\"activation\":[\"sigmoid\",\"relu\"]}") Map<String, Object> grid,
        @Schema(description = "Parameter → values to draw from, or a range {min, max, log}",
                example = "{\"learningRate\":{\"min\":0.01,\"max\":1,\"log\":true},\"batchSize\":[50,100,200]}")
        Map<String, Object> random,
        @Schema(description = "Random draws (default 10), with random") Number trials,
        @Schema(description = "Seed of the random search: the same seed draws the same trials (drawn when absent)")
        Number seed,
        @Schema(description = "testAccuracy (default) or validationLoss (with base.earlyStopping)") String metric,
        @Schema(description = "Most trials queued or running at once (default: the number of training workers)")
        Number maxParallel,
        @Schema(description = "An alias moved to the best model when the sweep ends", example = "production")
        String promote,
        @Schema(description = "\"median\", or {\"rule\":\"median\",\"minEpochs\":2,\"minTrials\":3}",
                example = "median") Object stopping,
        @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknownFields) {

    SweepSpec toSpec() {
        List<JobViolation> errors = new ArrayList<>();
        if (unknownFields != null) {
            List<String> known = Arrays.stream(SweepRequest.class.getRecordComponents()).map(c -> c.getName())
                    .filter(n -> !n.equals("unknownFields")).toList();
            unknownFields.keySet().forEach(field -> errors.add(new JobViolation(field,
                    "unknown field; known fields: " + String.join(", ", known))));
        }
        return new SweepSpec(name, base, grid, random, whole(trials, "trials", errors), whole(seed, "seed", errors),
                metric, whole(maxParallel, "maxParallel", errors), promote, stopping, errors);
    }

    private static Long whole(Number value, String field, List<JobViolation> errors) {
        if (value == null) {
            return null;
        }
        if (Double.isFinite(value.doubleValue())) {
            BigDecimal decimal = new BigDecimal(value.toString());
            if (decimal.stripTrailingZeros().scale() <= 0) {
                try {
                    return decimal.longValueExact();
                } catch (ArithmeticException e) {
                    // reported below
                }
            }
        }
        errors.add(new JobViolation(field, "must be a whole number, was " + value));
        return null;
    }
}
