package io.digitnet.sweeps.web;

import io.digitnet.sweeps.SweepSnapshot;
import io.digitnet.sweeps.SweepStatus;
import io.digitnet.sweeps.Sweeps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A sweep in a list: without its leaderboard, with its best trial. */
record SweepSummary(@Schema(example = "5c1f8e2a-7d3b-4e9a-9f60-2b8d4c7e1a05") String id, @Schema(example = "activations") String name,
                    SweepStatus status, SweepView.Progress progress,
                    @Schema(allowableValues = {"testAccuracy", "validationLoss"}, example = "testAccuracy")
                    String metric,
                    TrialView best, Instant createdAt, Instant finishedAt) {

    static SweepSummary of(SweepSnapshot s) {
        return new SweepSummary(s.id(), s.name(), s.status(), new SweepView.Progress(s.done(), s.trials().size()),
                s.plan().metric().jsonName(), s.best().map(t -> TrialView.of(t, s.plan().metric())).orElse(null),
                s.createdAt(), s.finishedAt());
    }

    /** A page of sweeps, newest first. */
    record Page(List<SweepSummary> content, int page, int size, long totalElements, long totalPages) {

        static Page of(Sweeps.SweepPage page) {
            return new Page(page.content().stream().map(SweepSummary::of).toList(), page.page(), page.size(),
                    page.totalElements(), (page.totalElements() + page.size() - 1) / page.size());
        }
    }
}
