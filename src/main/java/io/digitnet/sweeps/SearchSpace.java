package io.digitnet.sweeps;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The trials of a validated plan: every grid combination (the last parameter varying fastest), each with
 * {@code trials} random draws. Random draws come from {@link Random} seeded with the plan's seed, parameters drawn in
 * name order, so that the same seed always draws the same trials. Drawn decimals keep 4 significant digits.
 */
final class SearchSpace {

    private SearchSpace() {
    }

    /** A validated range: uniform, or log-uniform (min &gt; 0). */
    record Range(double min, double max, boolean log) {
    }

    static long gridSize(Map<String, Object> grid) {
        long size = 1;
        for (Object values : grid.values()) {
            size = Math.multiplyExact(size, ((List<?>) values).size());
        }
        return size;
    }

    static List<Map<String, Object>> trials(SweepPlan plan) {
        List<Map<String, Object>> combinations = combinations(plan.grid());
        if (plan.random().isEmpty()) {
            return combinations;
        }
        Random random = new Random(plan.seed());
        List<Map<String, Object>> draws = new ArrayList<>();
        for (int i = 0; i < plan.trials(); i++) {
            Map<String, Object> draw = new LinkedHashMap<>();
            new TreeMap<>(plan.random()).forEach((name, space) -> draw.put(name, draw(name, space, random)));
            draws.add(draw);
        }
        List<Map<String, Object>> trials = new ArrayList<>();
        for (Map<String, Object> combination : combinations) {
            for (Map<String, Object> draw : draws) {
                Map<String, Object> trial = new LinkedHashMap<>(combination);
                trial.putAll(draw);
                trials.add(trial);
            }
        }
        return trials;
    }

    private static List<Map<String, Object>> combinations(Map<String, Object> grid) {
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, Object> parameter : grid.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : combinations) {
                for (Object value : (List<?>) parameter.getValue()) {
                    Map<String, Object> combination = new LinkedHashMap<>(partial);
                    combination.put(parameter.getKey(), value);
                    next.add(combination);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    private static Object draw(String name, Object space, Random random) {
        if (space instanceof List<?> values) {
            return values.get(random.nextInt(values.size()));
        }
        Range range = range(space);
        double u = random.nextDouble();
        double value = range.log()
                ? Math.exp(Math.log(range.min()) + u * (Math.log(range.max()) - Math.log(range.min())))
                : range.min() + u * (range.max() - range.min());
        value = Math.min(range.max(), Math.max(range.min(), value));
        if (TrialSpecs.WHOLE.contains(name)) {
            return Math.round(value);
        }
        return new BigDecimal(value).round(new MathContext(4)).doubleValue();
    }

    static Range range(Object space) {
        Map<?, ?> map = (Map<?, ?>) space;
        return new Range(((Number) map.get("min")).doubleValue(), ((Number) map.get("max")).doubleValue(),
                Boolean.TRUE.equals(map.get("log")));
    }
}
