package io.digitnet.training.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.digitnet.training.JobNotFoundException;
import io.digitnet.training.JobsSettings;
import io.digitnet.training.TrainingJobs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobEventStreamsTests {

    /** A job deleted between the controller's check and the stream's first snapshot: the stream's slot is freed. */
    @Test
    void aStreamWhoseJobIsGoneKeepsNoSlot() {
        TrainingJobs jobs = mock(TrainingJobs.class);
        when(jobs.get("gone")).thenThrow(new JobNotFoundException("gone"));
        JobEventStreams streams = new JobEventStreams(jobs, new JobsSettings(Path.of("unused"), 1, 10, 1, 1000,
                6_000_000, 0.1, 5, Duration.ofMillis(250), 2, Duration.ofMinutes(30), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 2, Duration.ofSeconds(15)));
        // with 2 slots (2 per client), a third failed open would meet the limit if the earlier ones kept theirs
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> streams.open("gone", "10.0.0.1")).isInstanceOf(JobNotFoundException.class);
        }
    }
}
