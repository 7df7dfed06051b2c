package io.digitnet.sweeps;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * A validated sweep request, as stored with the sweep.
 *
 * @param base         the job configuration every trial starts from (as given, without the swept values)
 * @param grid         parameter → values, every combination is a trial (empty when none)
 * @param random       parameter → a list of values or a range {@code {min, max, log}} (empty when none)
 * @param trials       random draws (1 without random search); the sweep has grid combinations × trials trials
 * @param seed         the random search's seed (drawn when not given, so that it can be reproduced); null without
 *                     random search
 * @param trainingSeed the training seed of every trial, unless swept: the base's seed, else one drawn for the sweep,
 *                     so that trials differ only in what is swept
 * @param maxParallel  most trials queued or running at once
 * @param promote      the alias moved to the best model when the sweep ends, null for none
 * @param stopping     the median stopping rule, null when trials always run to their end
 */
public record SweepPlan(@Schema(example = "activations") String name, Map<String, Object> base,
                        Map<String, Object> grid, Map<String, Object> random, int trials, Long seed,
                        long trainingSeed, SweepMetric metric, int maxParallel,
                        @Schema(description = "The alias the best model is moved to", example = "production")
                        String promote, MedianStopping stopping) {
}
