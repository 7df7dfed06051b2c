package io.digitnet.sweeps.web;

import io.digitnet.sweeps.SweepPlan;
import io.digitnet.sweeps.SweepSnapshot;
import io.digitnet.sweeps.SweepStatus;
import java.time.Instant;
import java.util.List;

/** A sweep as the API shows it ({@code GET /sweeps/{id}}): progress, and the leaderboard best first. */
record SweepView(String id, String name, SweepStatus status, Progress progress, String metric,
                 List<TrialView> leaderboard, TrialView best, Promotion promotion, SweepPlan plan,
                 Instant createdAt, Instant finishedAt) {

    /** Trials ended out of all. */
    record Progress(long done, int total) {
    }

    /** Where the plan's alias was moved, or why it could not be. */
    record Promotion(String alias, String modelId, String error) {
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
