package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.cluster.MigratedDatabase;
import io.digitnet.nn.Checkpoint;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import io.digitnet.system.InstanceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The job repository and checkpoints of cluster mode on a real PostgreSQL database: two "instances" (two adapters
 * with their own leases) on one database. A job never runs on two instances at once: once another instance claimed
 * it, every write of the first one (status, progress, checkpoint) is refused, even after it comes back from a stall.
 */
class PostgresJobRepositoryTests {

    @RegisterExtension
    final MigratedDatabase db = new MigratedDatabase("digitnet_jobs_contract");

    record Instance(PostgresJobRepository repository, PostgresCheckpoints checkpoints, JobLeases leases) {
    }

    private Instance instance(String name) {
        JobLeases leases = new JobLeases();
        InstanceId id = InstanceId.of(name);
        return new Instance(new PostgresJobRepository(db.jdbc(), db.transactions(), db.notifications(), leases, id),
                new PostgresCheckpoints(db.jdbc(), leases, id), leases);
    }

    private static Checkpoint checkpoint(int epoch) {
        Parameters parameters = Parameters.initialize(784, 5, 10, WeightInit.HE, epoch, DataType.FLOAT);
        return new Checkpoint(epoch, epoch * 600L, parameters, Map.of(), 0, null, Double.NaN, 0, List.of());
    }

    /** What {@link ClusterTrainingTask} does before training. */
    private static TrainingJob claim(Instance instance, String id) {
        PostgresJobRepository.Claim claim = instance.repository().claim(id).orElseThrow();
        instance.leases().hold(id, claim.fence(), claim.job());
        return claim.job();
    }

    @Test
    void storesJobsThatEveryInstanceReadsAlike() {
        Instance a = instance("a");
        Instance b = instance("b");
        TrainingJob job = TestJobs.job("j1", 3);
        a.repository().add(job);

        assertThat(b.repository().find("j1")).hasValueSatisfying(found ->
                assertThat(found.snapshot().status()).isEqualTo(JobStatus.QUEUED));
        assertThat(b.repository().findAll()).extracting(TrainingJob::id).containsExactly("j1");
        assertThat(b.repository().find("nope")).isEmpty();
    }

    @Test
    void anInstanceThatLostTheJobToAnotherWritesNothingMore() {
        Instance a = instance("a");
        Instance b = instance("b");
        a.repository().add(TestJobs.job("j1", 3));
        TrainingJob onA = claim(a, "j1");
        a.repository().save(onA.start(Instant.now(), null, "a").job());
        a.checkpoints().save("j1", onA.config(), checkpoint(1));
        a.repository().save(onA.epochCompleted(new EpochRecord(1, 0.5, 0.9, 0.9, 1.0)).job());

        // a stalls; JobRunr hands the job to b, which resumes from a's checkpoint
        TrainingJob onB = claim(b, "j1");
        assertThat(onB.status()).isEqualTo(JobStatus.RUNNING);
        onB.interrupt("taken over");
        assertThat(b.checkpoints().load("j1", onB.config())).hasValueSatisfying(c ->
                assertThat(c.completedEpochs()).isEqualTo(1));
        b.repository().save(onB.start(Instant.now(), List.of(new EpochRecord(1, 0.5, 0.9, 0.9, 1.0)), "b").job());

        // a comes back: every write is refused
        onA.progressed(2, 700, 1800, 0.4, 1.0);
        assertThatThrownBy(() -> a.repository().saveProgress(onA.snapshot()))
                .isInstanceOf(JobLeaseLostException.class);
        assertThatThrownBy(() -> a.checkpoints().save("j1", onA.config(), checkpoint(2)))
                .isInstanceOf(JobLeaseLostException.class);
        assertThatThrownBy(() -> a.repository().save(
                onA.epochCompleted(new EpochRecord(2, 0.4, 0.9, 0.9, 1.0)).job()))
                .isInstanceOf(JobLeaseLostException.class);

        // b's writes go on, and what is stored is b's
        b.checkpoints().save("j1", onB.config(), checkpoint(2));
        b.repository().save(onB.epochCompleted(new EpochRecord(2, 0.4, 0.9, 0.9, 1.0)).job());
        JobSnapshot stored = instance("c").repository().find("j1").orElseThrow().snapshot();
        assertThat(stored.instance()).isEqualTo("b");
        assertThat(stored.history()).extracting(EpochRecord::epoch).containsExactly(1, 2);
        assertThat(b.checkpoints().load("j1", onB.config())).hasValueSatisfying(c ->
                assertThat(c.completedEpochs()).isEqualTo(2));
    }

    @Test
    void aStopRequestReachesTheInstanceRunningTheJob_andAWaitingJobIsCancelledAtOnce() {
        Instance a = instance("a");
        Instance b = instance("b");
        a.repository().add(TestJobs.job("running", 3));
        a.repository().add(TestJobs.job("waiting", 3));
        TrainingJob running = claim(a, "running");
        a.repository().save(running.start(Instant.now(), null, "a").job());

        TrainingJob seenByB = b.repository().find("running").orElseThrow();
        seenByB.requestCancel(Instant.now());
        b.repository().saveCancelRequest(seenByB.snapshot());
        // without the notification (not listening in this test), a learns it at its next write
        running.progressed(1, 10, 1800, 1.0, 1.0);
        a.repository().saveProgress(running.snapshot());
        assertThat(running.cancelRequested()).isTrue();

        TrainingJob waiting = b.repository().find("waiting").orElseThrow();
        b.repository().save(waiting.requestCancel(Instant.now()).job());
        assertThat(a.repository().find("waiting").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(a.repository().claim("waiting")).isEmpty();
    }

    /**
     * A sweep queues a trial's job inside its own transaction, and JobRunr may hand the job to a worker before that
     * commits: the worker finds no row, and must leave the job to a retry (not end it as done, which would leave the
     * trial QUEUED forever). A job that has ended needs no run.
     */
    @Test
    void aJobNotCommittedYetIsLeftToARetry_anEndedOneNeedsNoRun() throws Exception {
        Instance a = instance("a");
        ClusterTrainingTask task = new ClusterTrainingTask(a.repository(), a.leases(), null, null,
                new ClusterWorkers(null, null, db.notifications()), event -> { });
        java.util.concurrent.CountDownLatch added = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Void> sweepChange = java.util.concurrent.CompletableFuture.runAsync(
                () -> db.transactions().executeWithoutResult(status -> {
                    a.repository().add(TestJobs.job("trial", 3));
                    added.countDown();
                    try {
                        commit.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(added.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> task.run("trial")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not stored");
        assertThat(a.repository().exists("trial")).isFalse();
        commit.countDown();
        sweepChange.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(a.repository().exists("trial")).isTrue();

        TrainingJob ended = a.repository().find("trial").orElseThrow();
        a.repository().save(ended.requestCancel(Instant.now()).job());
        task.run("trial"); // returns: nothing to run
        assertThat(a.repository().find("trial").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> task.run("never-stored")).isInstanceOf(IllegalStateException.class);
    }
}
