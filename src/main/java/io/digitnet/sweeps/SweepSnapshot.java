package io.digitnet.sweeps;

import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of a {@link Sweep}: what is stored, shown and carried by events. {@code version} numbers the
 * snapshots in the order they were taken, so that a writer can drop one older than one it already wrote.
 *
 * @param promotedModelId the model the plan's alias was moved to, null when none was
 * @param promoteError    why the alias could not be moved, null otherwise
 */
public record SweepSnapshot(String id, String name, SweepStatus status, SweepPlan plan, Instant createdAt,
                            Instant finishedAt, List<TrialSnapshot> trials, String promotedModelId,
                            String promoteError, long version) {

    public SweepSnapshot {
        trials = List.copyOf(trials);
    }

    /** Trials that have ended. */
    public long done() {
        return trials.stream().filter(t -> t.status().isFinal()).count();
    }

    /** The trials ranked by the metric, best first (see {@link Leaderboard}). */
    public List<TrialSnapshot> leaderboard() {
        return Leaderboard.rank(trials, plan.metric());
    }

    /** The best trial with a model, if any. */
    public java.util.Optional<TrialSnapshot> best() {
        return Leaderboard.best(trials, plan.metric());
    }
}
