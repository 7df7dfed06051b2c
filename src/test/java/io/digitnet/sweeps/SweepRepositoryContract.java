package io.digitnet.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SweepRepository} adapter must do, run against each: the file adapter and the PostgreSQL one. A
 * subclass gives a fresh, empty repository, one "restarted" on the same storage, and the repository of another
 * instance sharing it (the file mode has a single instance: the same repository).
 */
abstract class SweepRepositoryContract {

    static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456Z");

    abstract SweepRepository repository();

    abstract SweepRepository restarted();

    abstract SweepRepository otherInstance();

    static Sweep sweep(String id, int trials, Instant createdAt) {
        List<Object> sizes = IntStream.rangeClosed(1, trials).mapToObj(i -> (Object) (i * 4)).toList();
        SweepPlan plan = new SweepPlan("contract-" + id, Map.of("epochs", 1, "learningRate", 0.1),
                Map.of("hiddenSize", sizes), Map.of(), 1, null, 7L, SweepMetric.TEST_ACCURACY, 2, "best",
                new MedianStopping(1, 3));
        List<Map<String, Object>> params = sizes.stream().map(size -> Map.<String, Object>of("hiddenSize", size))
                .toList();
        return Sweep.create(id, plan, params, createdAt);
    }

    @Test
    void storesASweepThatARestartedRepositoryReadsBackAsItWas() {
        Sweep sweep = sweep("s1", 3, T0);
        repository().add(sweep);

        SweepSnapshot stored = restarted().find("s1").orElseThrow();
        assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(sweep.snapshot());
        assertThat(stored.trials()).extracting(TrialSnapshot::status).containsOnly(TrialStatus.PENDING);
        assertThat(restarted().find("nope")).isEmpty();
        assertThat(restarted().unreadable()).isEmpty();
    }

    @Test
    void listsNewestFirst_feedsOldestFirst_andCountsByStatus() {
        repository().add(sweep("a", 1, T0));
        repository().add(sweep("b", 1, T0.plusSeconds(1)));
        repository().add(sweep("c", 1, T0.plusSeconds(2)));
        repository().change("b", sweep -> sweep.cancel(T0.plusSeconds(3)));

        SweepRepository again = restarted();
        assertThat(again.findAll()).extracting(SweepSnapshot::id).containsExactly("c", "b", "a");
        assertThat(again.running()).containsExactly("a", "c");
        assertThat(again.count(SweepStatus.RUNNING)).isEqualTo(2);
        assertThat(again.count(SweepStatus.CANCELLED)).isEqualTo(1);
        assertThat(again.count(SweepStatus.SUCCEEDED)).isZero();
    }

    @Test
    void aChangeIsStoredBeforeItReturns_withItsResultAndTheSweepRightAfter() {
        repository().add(sweep("s1", 2, T0));

        SweepRepository.Changed<TrialSnapshot> changed = repository().change("s1",
                sweep -> sweep.submitted(1, "job-1")).orElseThrow();

        assertThat(changed.result().status()).isEqualTo(TrialStatus.QUEUED);
        assertThat(changed.sweep().trials().get(0).jobId()).isEqualTo("job-1");
        SweepSnapshot stored = restarted().find("s1").orElseThrow();
        assertThat(stored.trials()).extracting(TrialSnapshot::jobId).containsExactly("job-1", null);
        assertThat(otherInstance().find("s1").orElseThrow().trials().get(0).status()).isEqualTo(TrialStatus.QUEUED);
        assertThat(repository().change("nope", sweep -> sweep.submitted(1, "x"))).isEmpty();
    }

    @Test
    void anEndedSweepRefusesToBeCancelledAgain_andTheRefusalReachesTheCaller() {
        repository().add(sweep("s1", 2, T0));
        repository().change("s1", sweep -> sweep.submitted(1, "job-1"));
        List<String> jobs = repository().change("s1", sweep -> sweep.cancel(T0.plusSeconds(5))).orElseThrow()
                .result();

        assertThat(jobs).containsExactly("job-1");
        SweepSnapshot stored = restarted().find("s1").orElseThrow();
        assertThat(stored.status()).isEqualTo(SweepStatus.CANCELLED);
        assertThat(stored.finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(stored.trials()).extracting(TrialSnapshot::status).containsOnly(TrialStatus.CANCELLED);
        assertThat(restarted().running()).isEmpty();
        assertThatThrownBy(() -> otherInstance().change("s1", sweep -> sweep.cancel(T0.plusSeconds(6))))
                .isInstanceOf(SweepNotCancellableException.class);
    }

    /**
     * Many feeders, on this instance and another one, each queueing the next pending trial: with exclusive changes
     * every trial is taken exactly once, whatever the interleaving (an overlap makes {@code submitted} refuse a
     * trial already QUEUED, or two feeders take the same one).
     */
    @Test
    void changesOfOneSweepTakeTurns_acrossThreadsAndInstances() throws Exception {
        int feeders = 4;
        int each = 5;
        repository().add(sweep("s1", feeders * each, T0));
        ExecutorService pool = Executors.newFixedThreadPool(feeders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int f = 0; f < feeders; f++) {
                SweepRepository repository = f % 2 == 0 ? repository() : otherInstance();
                String feeder = "feeder" + f;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String jobId = feeder + "-" + i;
                        repository.change("s1", sweep -> {
                            TrialSnapshot next = sweep.pending().get(0);
                            Thread.yield();
                            return sweep.submitted(next.number(), jobId);
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        SweepSnapshot stored = restarted().find("s1").orElseThrow();
        assertThat(stored.trials()).extracting(TrialSnapshot::status).containsOnly(TrialStatus.QUEUED);
        Set<String> jobs = new HashSet<>();
        stored.trials().forEach(t -> jobs.add(t.jobId()));
        assertThat(jobs).hasSize(feeders * each);
    }
}
