package io.digitnet.sweeps;

import io.digitnet.training.JobViolation;
import java.util.List;
import java.util.Map;

/**
 * What a caller asked for, as read from JSON (maps hold strings, numbers, booleans, lists and maps); every field may
 * be null. {@code stopping} is the string {@code "median"} or an object. {@code readErrors} are problems already
 * found while reading (unknown fields), reported with the others.
 */
public record SweepSpec(String name, Map<String, Object> base, Map<String, Object> grid, Map<String, Object> random,
                        Long trials, Long seed, String metric, Long maxParallel, String promote, Object stopping,
                        List<JobViolation> readErrors) {
}
