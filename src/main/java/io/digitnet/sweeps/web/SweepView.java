package io.digitnet.sweeps.web;

import io.digitnet.sweeps.SweepPlan;
import io.digitnet.sweeps.SweepSnapshot;
import io.digitnet.sweeps.SweepStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A sweep as the API shows it ({@code GET /sweeps/{id}}): progress, and the leaderboard best first. */
record SweepView(@Schema(example = "5c1f8e2a-7d3b-4e9a-9f60-2b8d4c7e1a05") String id, @Schema(example = "activations") String name,
                 SweepStatus status, Progress progress,
                 @Schema(allowableValues = {"testAccuracy", "validationLoss"}, example = "testAccuracy") String metric,
                 List<TrialView> leaderboard, TrialView best, Promotion promotion, SweepPlan plan,
                 Instant createdAt, Instant finishedAt) {

    /** Trials ended out of all. */
    record Progress(long done, int total) {
    }

    /** Where the plan's alias was moved, or why it could not be. */
    record Promotion(@Schema(example = "production") String alias, @Schema(example = "m-20261129183015123-a1b2c3") String modelId,
                     @Schema(description = "Why the alias could not be moved", example = "no trial succeeded")
                     String error) {
    }

    static SweepView of(SweepSnapshot s) {
        var metric = s.plan().metric();
        Promotion promotion = s.plan().promote() == null ? null
                : new Promotion(s.plan().promote(), s.promotedModelId(), s.promoteError());
        return new SweepView(s.id(), s.name(), s.status(), new Progress(s.done(), s.trials().size()),
                metric.jsonName(), s.leaderboard().stream().map(t -> TrialView.of(t, metric)).toList(),
                s.best().map(t -> TrialView.of(t, metric)).orElse(null), promotion, s.plan(), s.createdAt(),
                s.finishedAt());
    }
}
