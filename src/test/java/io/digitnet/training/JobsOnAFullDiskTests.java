package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job whose record cannot be written is refused and never listed (issue 9, item 4). */
class JobsOnAFullDiskTests {

    @TempDir
    Path dir;

    @Test
    void aJobThatCannotBeStoredIsRefusedAndNotListed() throws IOException {
        FileJobRepository repository = new FileJobRepository(TestJobs.settings(dir, 10));
        // The job's folder cannot be made (a file has its name): its write fails as on a full disk.
        Files.writeString(dir.resolve("j1"), "in the way");
        TrainingJob job = TrainingJob.create("j1", "unlucky", TestJobs.config(1), Instant.now());

        assertThatThrownBy(() -> repository.add(job)).isInstanceOf(JobNotStoredException.class)
                .hasMessageContaining("not queued");
        assertThat(repository.findAll()).isEmpty();
        assertThat(repository.find("j1")).isEmpty();
    }
}
