package io.digitnet.sweeps;

import io.digitnet.models.ModelIds;
import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobConfigResolver;
import io.digitnet.training.JobSpec;
import io.digitnet.training.JobViolation;
import io.digitnet.training.JobsSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link SweepSpec} and draws its trials: every field is checked, and every trial's job configuration is
 * resolved as a job submission would be, so that a sweep is refused at once (400, each violation naming its field)
 * rather than failing trial by trial later.
 */
@Component
public class SweepPlanner {

    static final int MAX_NAME_LENGTH = 80;
    static final int DEFAULT_RANDOM_TRIALS = 10;
    static final int MAX_STOPPING_SETTING = 1000;

    /** A plan and its trials' swept values, in the order they are fed. */
    public record Planned(SweepPlan plan, List<Map<String, Object>> trials) {
    }

    private final JobConfigResolver resolver;
    private final SweepsSettings settings;
    private final int workers;

    SweepPlanner(JobConfigResolver resolver, SweepsSettings settings, JobsSettings jobs) {
        this.resolver = resolver;
        this.settings = settings;
        this.workers = jobs.workers();
    }

    /** @throws InvalidSweepException listing every violation */
    public Planned plan(SweepSpec spec) {
        List<JobViolation> violations = new ArrayList<>(spec.readErrors() == null ? List.of() : spec.readErrors());
        String name = name(spec.name(), violations);
        Map<String, Object> base = spec.base() == null ? Map.of() : spec.base();
        for (String key : base.keySet()) {
            if (key.equals("name")) {
                violations.add(new JobViolation("base.name", "trials are named after the sweep; name the sweep"));
            } else if (!TrialSpecs.BASE_FIELDS.contains(key)) {
                violations.add(new JobViolation("base." + key, "unknown field; known fields: "
                        + String.join(", ", TrialSpecs.BASE_FIELDS)));
            }
        }
        Map<String, Object> grid = spec.grid() == null ? Map.of() : spec.grid();
        Map<String, Object> random = spec.random() == null ? Map.of() : spec.random();
        checkGrid(grid, violations);
        checkRandom(random, grid, violations);
        if (grid.isEmpty() && random.isEmpty()) {
            violations.add(new JobViolation("grid", "give the parameters to sweep in grid and/or random, e.g. "
                    + "{\"hiddenSize\":[50,100]}"));
        }

        long gridSize = violations.stream().anyMatch(v -> v.field().startsWith("grid")) ? 1
                : SearchSpace.gridSize(grid);
        if (gridSize > settings.maxTrials()) {
            violations.add(new JobViolation("grid", "has " + gridSize + " combinations, more than the limit of "
                    + settings.maxTrials() + " trials (digitnet.sweeps.max-trials)"));
        }
        int trials = 1;
        Long seed = null;
        if (random.isEmpty()) {
            if (spec.trials() != null) {
                violations.add(new JobViolation("trials", "counts random draws; give it with random"));
            }
            if (spec.seed() != null) {
                violations.add(new JobViolation("seed", "seeds the random search; give it with random "
                        + "(the training seed goes in base.seed)"));
            }
        } else {
            long asked = spec.trials() == null ? DEFAULT_RANDOM_TRIALS : spec.trials();
            if (asked < 1 || asked > settings.maxTrials()) {
                violations.add(new JobViolation("trials", "must be between 1 and " + settings.maxTrials()
                        + ", was " + asked));
            } else if (gridSize * asked > settings.maxTrials()) {
                violations.add(new JobViolation("trials", gridSize + " grid combinations × " + asked
                        + " random trials = " + gridSize * asked + ", more than the limit of " + settings.maxTrials()
                        + " trials (digitnet.sweeps.max-trials)"));
            } else {
                trials = (int) asked;
            }
            // Drawn below 2^31 so that JSON clients (JavaScript numbers) read it back exactly.
            seed = spec.seed() != null ? spec.seed() : (long) ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        }

        SweepMetric metric = SweepMetric.TEST_ACCURACY;
        if (spec.metric() != null) {
            metric = SweepMetric.find(spec.metric().strip()).orElse(null);
            if (metric == null) {
                violations.add(new JobViolation("metric", "unknown metric '" + spec.metric()
                        + "'; must be testAccuracy or validationLoss"));
            } else if (metric == SweepMetric.VALIDATION_LOSS && base.get("earlyStopping") == null) {
                violations.add(new JobViolation("metric", "validationLoss is measured on the part that early "
                        + "stopping holds out: give base.earlyStopping, e.g. {\"patience\":3}"));
            }
        }
        int maxParallel = workers;
        if (spec.maxParallel() != null) {
            if (spec.maxParallel() < 1 || spec.maxParallel() > settings.maxTrials()) {
                violations.add(new JobViolation("maxParallel", "must be between 1 and " + settings.maxTrials()
                        + ", was " + spec.maxParallel()));
            } else {
                maxParallel = spec.maxParallel().intValue();
            }
        }
        String promote = spec.promote() == null ? null : spec.promote().strip();
        if (promote != null && (!ModelIds.isAlias(promote) || ModelIds.LATEST.equals(promote))) {
            violations.add(new JobViolation("promote", "must be an alias such as production: a lowercase letter, "
                    + "then up to 62 lowercase letters, digits, - or _ (not latest, which is implicit)"));
        }
        MedianStopping stopping = stopping(spec.stopping(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidSweepException(violations);
        }

        long trainingSeed = base.get("seed") instanceof Number n ? n.longValue()
                : ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        SweepPlan plan = new SweepPlan(name, base, grid, random, trials, seed, trainingSeed, metric, maxParallel,
                promote, stopping);
        List<Map<String, Object>> params = SearchSpace.trials(plan);
        checkTrials(plan, params);
        return new Planned(plan, params);
    }

    /** The job a trial submits. */
    static JobSpec jobSpec(SweepPlan plan, String sweepId, int number, Map<String, Object> params,
                           List<JobViolation> violations) {
        Map<String, Object> values = new LinkedHashMap<>(plan.base());
        values.putIfAbsent("seed", plan.trainingSeed());
        values.putAll(params);
        return TrialSpecs.toSpec(trialName(plan, sweepId, number), values, key -> field(plan, key), violations);
    }

    static String trialName(SweepPlan plan, String sweepId, int number) {
        return (plan.name() != null ? plan.name() : "sweep " + sweepId.substring(0, 8)) + " #" + number;
    }

    /** Resolves every trial's job configuration; reports each bad field once, with the first trial showing it. */
    private void checkTrials(SweepPlan plan, List<Map<String, Object>> params) {
        Map<String, JobViolation> found = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            List<JobViolation> violations = new ArrayList<>();
            JobSpec spec = jobSpec(plan, "00000000", i + 1, params.get(i), violations);
            if (violations.isEmpty()) {
                try {
                    resolver.resolve(spec);
                } catch (InvalidJobRequestException e) {
                    e.violations().forEach(v -> violations.add(new JobViolation(field(plan, v.field()),
                            v.message())));
                }
            }
            for (JobViolation v : violations) {
                found.putIfAbsent(v.field(), new JobViolation(v.field(), (params.get(i).isEmpty() ? ""
                        : "with " + params.get(i) + ": ") + v.message()));
            }
        }
        if (!found.isEmpty()) {
            throw new InvalidSweepException(List.copyOf(found.values()));
        }
    }

    /** Where a job field's value came from: the grid, the random search or the base. */
    private static String field(SweepPlan plan, String jobField) {
        String top = jobField.contains(".") ? jobField.substring(0, jobField.indexOf('.')) : jobField;
        return plan.grid().containsKey(top) ? "grid." + jobField
                : plan.random().containsKey(top) ? "random." + jobField : "base." + jobField;
    }

    private static String name(String name, List<JobViolation> violations) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            violations.add(new JobViolation("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (trimmed.chars().anyMatch(Character::isISOControl)) {
            violations.add(new JobViolation("name", "must not contain control characters"));
        }
        return trimmed;
    }

    private static void checkGrid(Map<String, Object> grid, List<JobViolation> violations) {
        grid.forEach((parameter, values) -> {
            String field = "grid." + parameter;
            if (!TrialSpecs.SWEEPABLE.contains(parameter)) {
                violations.add(unknownParameter(field));
            } else if (!(values instanceof List<?> list) || list.isEmpty()) {
                violations.add(new JobViolation(field, "must be a non-empty list of values, e.g. [50, 100]"));
            } else {
                checkValues(parameter, field, list, violations);
            }
        });
    }

    private static void checkRandom(Map<String, Object> random, Map<String, Object> grid,
                                    List<JobViolation> violations) {
        random.forEach((parameter, space) -> {
            String field = "random." + parameter;
            if (!TrialSpecs.SWEEPABLE.contains(parameter)) {
                violations.add(unknownParameter(field));
            } else if (grid.containsKey(parameter)) {
                violations.add(new JobViolation(field, "is already swept by grid." + parameter));
            } else if (space instanceof List<?> list) {
                if (list.isEmpty()) {
                    violations.add(new JobViolation(field, "must be a non-empty list of values or a range "
                            + "{\"min\":...,\"max\":...}"));
                } else {
                    checkValues(parameter, field, list, violations);
                }
            } else if (space instanceof Map<?, ?> range) {
                checkRange(parameter, field, range, violations);
            } else {
                violations.add(new JobViolation(field, "must be a list of values or a range "
                        + "{\"min\":0.01,\"max\":1,\"log\":true}"));
            }
        });
    }

    private static void checkValues(String parameter, String field, List<?> values, List<JobViolation> violations) {
        Set<Object> seen = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            String at = field + "[" + i + "]";
            boolean numeric = TrialSpecs.NUMERIC.contains(parameter);
            if (value == null || (numeric ? !(value instanceof Number) : !(value instanceof String))) {
                violations.add(new JobViolation(at, "must be a " + (numeric ? "number" : "string")
                        + ", was " + value));
            } else if (TrialSpecs.WHOLE.contains(parameter)) {
                TrialSpecs.whole(value, at, violations);
            } else if (!seen.add(value)) {
                violations.add(new JobViolation(at, "repeats " + value));
            }
        }
    }

    private static void checkRange(String parameter, String field, Map<?, ?> range, List<JobViolation> violations) {
        if (!TrialSpecs.NUMERIC.contains(parameter)) {
            violations.add(new JobViolation(field, "a range needs a numeric parameter; give a list of values"));
            return;
        }
        for (Object key : range.keySet()) {
            if (!Set.of("min", "max", "log").contains(key)) {
                violations.add(new JobViolation(field + "." + key, "unknown field; known fields: min, max, log"));
            }
        }
        Double min = required(range.get("min"), field + ".min", violations);
        Double max = required(range.get("max"), field + ".max", violations);
        Object log = range.get("log");
        if (log != null && !(log instanceof Boolean)) {
            violations.add(new JobViolation(field + ".log", "must be true or false"));
        }
        if (min != null && max != null) {
            if (!(min < max)) {
                violations.add(new JobViolation(field, "min must be less than max, was min " + min + ", max "
                        + max));
            } else if (Boolean.TRUE.equals(log) && min <= 0) {
                violations.add(new JobViolation(field + ".min", "must be greater than 0 for a log range, was "
                        + min));
            }
        }
    }

    private static Double required(Object value, String field, List<JobViolation> violations) {
        if (value == null) {
            violations.add(new JobViolation(field, "is required"));
            return null;
        }
        return TrialSpecs.number(value, field, violations);
    }

    private static JobViolation unknownParameter(String field) {
        return new JobViolation(field, "unknown parameter; sweepable: " + String.join(", ", TrialSpecs.SWEEPABLE));
    }

    private static MedianStopping stopping(Object stopping, List<JobViolation> violations) {
        if (stopping == null) {
            return null;
        }
        if ("median".equals(stopping)) {
            return new MedianStopping(MedianStopping.DEFAULT_MIN_EPOCHS, MedianStopping.DEFAULT_MIN_TRIALS);
        }
        if (!(stopping instanceof Map<?, ?> map)) {
            violations.add(new JobViolation("stopping", "must be \"median\" or {\"rule\":\"median\","
                    + "\"minEpochs\":2,\"minTrials\":3}"));
            return null;
        }
        for (Object key : map.keySet()) {
            if (!Set.of("rule", "minEpochs", "minTrials").contains(key)) {
                violations.add(new JobViolation("stopping." + key,
                        "unknown field; known fields: rule, minEpochs, minTrials"));
            }
        }
        if (!"median".equals(map.get("rule"))) {
            violations.add(new JobViolation("stopping.rule", "unknown rule '" + map.get("rule")
                    + "'; must be median"));
        }
        int minEpochs = setting(map.get("minEpochs"), MedianStopping.DEFAULT_MIN_EPOCHS, "stopping.minEpochs",
                violations);
        int minTrials = setting(map.get("minTrials"), MedianStopping.DEFAULT_MIN_TRIALS, "stopping.minTrials",
                violations);
        return new MedianStopping(minEpochs, minTrials);
    }

    private static int setting(Object value, int defaultValue, String field, List<JobViolation> violations) {
        Long whole = TrialSpecs.whole(value, field, violations);
        if (whole == null) {
            return defaultValue;
        }
        if (whole < 1 || whole > MAX_STOPPING_SETTING) {
            violations.add(new JobViolation(field, "must be between 1 and " + MAX_STOPPING_SETTING + ", was "
                    + whole));
            return defaultValue;
        }
        return whole.intValue();
    }
}
