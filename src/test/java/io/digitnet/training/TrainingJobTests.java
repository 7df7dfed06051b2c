package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingJobTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);

    private final TrainingJob job = TestJobs.job("j1", 3);

    @Test
    void aNewJobIsQueuedWithItsPlan() {
        JobSnapshot s = job.snapshot();
        assertThat(s.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(s.epochs()).isEqualTo(3);
        assertThat(s.iterations()).isEqualTo(1800);
        assertThat(s.progress()).isZero();
        assertThat(s.history()).isEmpty();
    }

    @Test
    void runsThroughItsLifeAndSucceeds() {
        JobStarted started = job.start(T0, null);
        assertThat(started.job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(started.job().startedAt()).isEqualTo(T0);

        job.progressed(1, 600, 1800, 0.5, 10.0);
        EpochCompleted epoch = job.epochCompleted(new EpochRecord(1, 0.5, 0.9, 0.91, 0.6));
        assertThat(epoch.job().history()).containsExactly(epoch.epoch());
        assertThat(epoch.job().progress()).isEqualTo(1.0 / 3);

        JobSucceeded succeeded = job.succeed("m1", T1);
        assertThat(succeeded.job().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(succeeded.job().modelId()).isEqualTo("m1");
        assertThat(succeeded.job().progress()).isEqualTo(1.0);
        assertThat(succeeded.job().finishedAt()).isEqualTo(T1);
        assertThat(succeeded.isFinal()).isTrue();
    }

    @Test
    void progressNeverGoesBackwards() {
        job.start(T0, null);
        job.progressed(1, 900, 1800, 0.5, null);
        // Early stopping may shrink the trainer's total; progress must still not drop.
        job.progressed(2, 901, 3600, 0.4, null);
        assertThat(job.snapshot().progress()).isEqualTo(0.5);
    }

    @Test
    void illegalTransitionsThrow() {
        assertThatThrownBy(() -> job.succeed("m", T0)).isInstanceOf(IllegalJobTransitionException.class)
                .hasMessageContaining("QUEUED");
        assertThatThrownBy(() -> job.progressed(1, 1, 10, 1, null))
                .isInstanceOf(IllegalJobTransitionException.class);
        assertThatThrownBy(() -> job.interrupt("x")).isInstanceOf(IllegalJobTransitionException.class);
        job.start(T0, null);
        assertThatThrownBy(() -> job.start(T0, null)).isInstanceOf(IllegalJobTransitionException.class);
        assertThatThrownBy(() -> job.cancelled(T0)).isInstanceOf(IllegalJobTransitionException.class);
        job.fail("boom", T1);
        assertThatThrownBy(() -> job.fail("again", T1)).isInstanceOf(IllegalJobTransitionException.class);
        assertThatThrownBy(() -> job.start(T1, null)).isInstanceOf(IllegalJobTransitionException.class);
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnce() {
        JobCancelled cancelled = job.requestCancel(T1);
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.job().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.job().finishedAt()).isEqualTo(T1);
    }

    @Test
    void cancellingARunningJobOnlyAsksItToStop() {
        job.start(T0, null);
        assertThat(job.requestCancel(T1)).isNull();
        assertThat(job.cancelRequested()).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.cancelled(T1).job().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aFinishedJobCannotBeCancelled() {
        job.start(T0, null);
        job.succeed("m1", T1);
        assertThatThrownBy(() -> job.requestCancel(T1)).isInstanceOf(JobNotCancellableException.class)
                .hasMessageContaining("already finished (SUCCEEDED)");
    }

    @Test
    void anEpochReportedWhileTheNextTrainsLeavesTheEpochInProgress() {
        job.start(T0, null);
        job.progressed(1, 600, 1800, 0.5, 3.0);
        job.progressed(2, 605, 1800, 0.45, 2.9); // the trainer reports epoch 1 once its test pass is done

        EpochCompleted completed = job.epochCompleted(new EpochRecord(1, 0.5, 0.9, 0.91, 0.6));

        assertThat(completed.job().epoch()).isEqualTo(2);
        assertThat(completed.job().iteration()).isEqualTo(605);
        assertThat(completed.job().history()).containsExactly(completed.epoch());
    }

    @Test
    void anInterruptedJobWaitsAgainAtItsLastCompletedEpoch() {
        job.start(T0, null);
        job.progressed(1, 600, 1800, 0.5, 3.0);
        job.epochCompleted(new EpochRecord(1, 0.5, 0.9, 0.91, 0.6));
        job.progressed(2, 750, 1800, 0.4, 2.0);

        JobInterrupted interrupted = job.interrupt("shutdown");
        assertThat(interrupted.job().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(interrupted.job().iteration()).isEqualTo(600);
        assertThat(interrupted.job().epoch()).isEqualTo(1);
        assertThat(interrupted.job().etaSeconds()).isNull();
        assertThat(interrupted.reason()).isEqualTo("shutdown");
    }

    @Test
    void aResumedJobTakesTheCheckpointsHistoryAndKeepsItsFirstStart() {
        job.start(T0, null);
        job.interrupt("crash");
        List<EpochRecord> checkpointed = List.of(new EpochRecord(1, 0.5, 0.9, 0.91, 0.6),
                new EpochRecord(2, 0.4, 0.92, 0.93, 0.6));
        JobSnapshot resumed = job.start(T1, checkpointed).job();
        assertThat(resumed.startedAt()).isEqualTo(T0);
        assertThat(resumed.history()).isEqualTo(checkpointed);
        assertThat(resumed.resumedFromEpoch()).isEqualTo(2);
        assertThat(resumed.iteration()).isEqualTo(1200);
        assertThat(resumed.progress()).isEqualTo(2.0 / 3);
    }

    @Test
    void snapshotsAreNumberedInOrderAndRestoreRoundTrips() {
        job.start(T0, null);
        JobSnapshot first = job.snapshot();
        job.progressed(1, 10, 1800, 2.0, 99.0);
        JobSnapshot second = job.snapshot();
        assertThat(second.version()).isGreaterThan(first.version());

        TrainingJob restored = TrainingJob.restore(second);
        JobSnapshot again = restored.snapshot();
        assertThat(again).usingRecursiveComparison().ignoringFields("version").isEqualTo(second);
        assertThat(again.version()).isGreaterThan(second.version());
    }
}
