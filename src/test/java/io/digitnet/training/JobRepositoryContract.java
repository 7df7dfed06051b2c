package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobRepository} adapter must do, run against each: {@link FileJobRepository} and
 * {@link PostgresJobRepository}. A subclass gives a fresh, empty repository, a "restarted" one on the same storage
 * (for PostgreSQL: another instance, which sees only what was stored), and does what a worker does before it trains
 * a job (cluster mode claims it).
 */
abstract class JobRepositoryContract {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    abstract JobRepository repository();

    abstract JobRepository restarted();

    /** The job a worker of {@link #repository()} trains, taken as a worker takes it. */
    abstract TrainingJob take(String id);

    @Test
    void storesNewJobsThatARestartedRepositoryListsNewestFirst() {
        JobRepository repository = repository();
        repository.add(TrainingJob.create("a", "older", TestJobs.config(2), T0));
        repository.add(TrainingJob.create("b", "newer", TestJobs.config(2), T0.plusSeconds(60)));

        JobRepository again = restarted();
        assertThat(again.findAll()).extracting(TrainingJob::id).containsExactly("b", "a");
        JobSnapshot older = again.find("a").orElseThrow().snapshot();
        assertThat(older.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(older.name()).isEqualTo("older");
        assertThat(older.config()).isEqualTo(TestJobs.config(2));
        assertThat(older.createdAt()).isEqualTo(T0);
        assertThat(again.find("unknown")).isEmpty();
        assertThat(again.unreadable()).isEmpty();
    }

    @Test
    void aRunningJobKeepsItsStatusHistoryAndInstance() {
        repository().add(TestJobs.job("a", 3));
        TrainingJob job = take("a");
        repository().save(job.start(T0.plusSeconds(1), null, "here").job());
        job.progressed(1, 600, 1800, 0.3, 1.0);
        repository().save(job.epochCompleted(new EpochRecord(1, 0.3, 0.9, 0.91, 0.5)).job());

        JobSnapshot stored = restarted().find("a").orElseThrow().snapshot();
        assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stored.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.history()).containsExactly(new EpochRecord(1, 0.3, 0.9, 0.91, 0.5));
        assertThat(stored.instance()).isEqualTo("here");
    }

    @Test
    void aSnapshotOlderThanTheStoredOneIsIgnored() {
        repository().add(TestJobs.job("a", 2));
        TrainingJob job = take("a");
        JobSnapshot started = job.start(T0, null, "here").job();
        JobSnapshot epoch = job.epochCompleted(new EpochRecord(1, 0.3, 0.9, 0.91, 0.5)).job();
        repository().save(epoch);
        repository().save(started); // arrives late from another thread

        JobSnapshot stored = restarted().find("a").orElseThrow().snapshot();
        assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stored.history()).hasSize(1);
    }

    @Test
    void theEndOfAJobIsStored() {
        repository().add(TestJobs.job("ok", 1));
        repository().add(TestJobs.job("bad", 1));
        TrainingJob ok = take("ok");
        repository().save(ok.start(T0, null, "here").job());
        repository().save(ok.succeed("model-1", T0.plusSeconds(5)).job());
        TrainingJob bad = take("bad");
        repository().save(bad.start(T0, null, "here").job());
        repository().save(bad.fail("diverged", T0.plusSeconds(6)).job());

        JobRepository again = restarted();
        JobSnapshot succeeded = again.find("ok").orElseThrow().snapshot();
        assertThat(succeeded.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(succeeded.modelId()).isEqualTo("model-1");
        assertThat(succeeded.finishedAt()).isEqualTo(T0.plusSeconds(5));
        JobSnapshot failed = again.find("bad").orElseThrow().snapshot();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("diverged");
    }

    @Test
    void aWaitingJobIsCancelledAtOnce_aRunningOneKeepsTheStopRequest() {
        repository().add(TestJobs.job("waiting", 2));
        repository().add(TestJobs.job("running", 2));
        TrainingJob running = take("running");
        repository().save(running.start(T0, null, "here").job());

        TrainingJob waiting = repository().find("waiting").orElseThrow();
        repository().save(waiting.requestCancel(T0.plusSeconds(1)).job());
        TrainingJob seen = repository().find("running").orElseThrow();
        assertThat(seen.requestCancel(T0.plusSeconds(1))).isNull();
        repository().saveCancelRequest(seen.snapshot());

        JobRepository again = restarted();
        assertThat(again.find("waiting").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        JobSnapshot stopping = again.find("running").orElseThrow().snapshot();
        assertThat(stopping.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stopping.cancelRequested()).isTrue();
    }
}
