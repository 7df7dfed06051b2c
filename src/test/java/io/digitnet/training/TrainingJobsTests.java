package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job service without workers: submissions, capacity, listing, cancelling and recovery after a restart. */
class TrainingJobsTests {

    @TempDir
    Path dir;

    private final List<Object> events = new ArrayList<>();

    private TrainingJobs jobs() {
        return TestJobs.trainingJobs(dir, events::add);
    }

    @Test
    void aSubmissionIsStoredQueuedAndAnnounced() {
        TrainingJobs jobs = jobs();
        JobSnapshot job = jobs.submit(JobSpec.defaults());
        assertThat(jobs.queued()).extracting(JobSnapshot::id).containsExactly(job.id());
        assertThat(events).singleElement().isInstanceOf(JobQueued.class);
        assertThat(dir.resolve(job.id()).resolve("job.json")).exists();
    }

    @Test
    void aFullQueueRefusesWithTheConfiguredRetryAfterWhenNothingRuns() {
        TrainingJobs jobs = jobs();
        for (int i = 0; i < 10; i++) {
            jobs.submit(JobSpec.defaults());
        }
        assertThatThrownBy(() -> jobs.submit(JobSpec.defaults())).isInstanceOfSatisfying(
                JobQueueFullException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
        assertThat(jobs.count(JobStatus.QUEUED)).isEqualTo(10);
    }

    @Test
    void listsPagesNewestFirst() {
        TrainingJobs jobs = jobs();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(jobs.submit(JobSpec.defaults()).id());
        }
        JobPage second = jobs.list(Set.of(), 1, 2);
        assertThat(second.content()).extracting(JobSnapshot::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.totalElements()).isEqualTo(5);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(jobs.list(Set.of(), 9, 2).content()).isEmpty();
    }

    @Test
    void aRestartRequeuesInterruptedJobsFirstAndEndsThoseAskedToStop() {
        FileJobRepository before = new FileJobRepository(TestJobs.settings(dir, 10));
        TrainingJob waiting = job("waiting", "2026-01-01T00:00:00Z");
        TrainingJob running = job("running", "2026-01-02T00:00:00Z");
        TrainingJob stopping = job("stopping", "2026-01-03T00:00:00Z");
        for (TrainingJob job : List.of(waiting, running, stopping)) {
            before.add(job);
        }
        before.save(running.start(Instant.now(), null).job());
        stopping.start(Instant.now(), null);
        stopping.requestCancel(Instant.now());
        before.save(stopping.snapshot());

        TrainingJobs after = jobs();
        after.recover();
        assertThat(after.queued()).extracting(JobSnapshot::id).containsExactly("running", "waiting");
        assertThat(after.get("running").status()).isEqualTo(JobStatus.QUEUED);
        assertThat(after.get("stopping").status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(events).hasAtLeastOneElementOfType(JobInterrupted.class)
                .hasAtLeastOneElementOfType(JobCancelled.class);
    }

    private static TrainingJob job(String id, String createdAt) {
        return TrainingJob.create(id, null, TestJobs.config(1), Instant.parse(createdAt));
    }
}
