package io.digitnet.training.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.training.EpochRecord;
import io.digitnet.training.JobEvent;
import io.digitnet.training.JobProgressed;
import io.digitnet.training.TestJobs;
import io.digitnet.training.TrainingJob;
import io.digitnet.training.TrainingJobs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobMetricsTests {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void perJobGaugesLiveWhileTheJobRunsAndCountersAddUp() {
        TrainingJobs jobs = TestJobs.trainingJobs(dir, event -> { });
        JobMetrics metrics = new JobMetrics(registry, jobs);
        TrainingJob job = TestJobs.job("j1", 2); // 60,000 samples, 600 iterations per epoch

        metrics.on(job.start(Instant.now(), null));
        assertThat(registry.find("digitnet.training.progress").tag("job", "j1").gauge()).isNotNull();

        job.progressed(1, 300, 1200, 0.7, 5.0);
        metrics.on(new JobProgressed(job.snapshot()));
        assertThat(registry.get("digitnet.training.progress").tag("job", "j1").gauge().value()).isEqualTo(0.25);
        assertThat(registry.get("digitnet.training.loss").tag("job", "j1").gauge().value()).isEqualTo(0.7);
        assertThat(registry.get("digitnet.training.samples").counter().count()).isEqualTo(30_000);

        job.progressed(1, 600, 1200, 0.5, 4.0);
        metrics.on(job.epochCompleted(new EpochRecord(1, 0.5, 0.9, 0.91, 2.5)));
        assertThat(registry.get("digitnet.training.accuracy").tags("job", "j1", "split", "test").gauge().value())
                .isEqualTo(0.91);
        assertThat(registry.get("digitnet.training.accuracy").tags("job", "j1", "split", "train").gauge().value())
                .isEqualTo(0.9);
        assertThat(registry.get("digitnet.training.epoch").timer().count()).isEqualTo(1);
        assertThat(registry.get("digitnet.training.samples").counter().count()).isEqualTo(60_000);

        job.progressed(2, 1200, 1200, 0.4, 0.0);
        JobEvent succeeded = job.succeed("m1", Instant.now());
        metrics.on(succeeded);
        assertThat(registry.find("digitnet.training.progress").gauges()).isEmpty();
        assertThat(registry.find("digitnet.training.accuracy").gauges()).isEmpty();
        assertThat(registry.get("digitnet.jobs.completed").tag("outcome", "succeeded").counter().count()).isOne();
        assertThat(registry.get("digitnet.training.samples").counter().count()).isEqualTo(120_000);
    }

    @Test
    void countsJobsByStatus() {
        TrainingJobs jobs = TestJobs.trainingJobs(dir, event -> { });
        new JobMetrics(registry, jobs);
        jobs.submit(io.digitnet.training.JobSpec.defaults());
        assertThat(registry.get("digitnet.jobs").tag("status", "queued").gauge().value()).isOne();
        assertThat(registry.get("digitnet.jobs").tag("status", "running").gauge().value()).isZero();
    }
}
