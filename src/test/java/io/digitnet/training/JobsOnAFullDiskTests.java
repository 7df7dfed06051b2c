package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose record cannot be written is refused and never listed; a change of a stored job that cannot be written
 * is undone, so that the job shows what its record says (issue 9, item 4).
 */
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

    @Test
    void aChangeThatCannotBeWrittenIsUndoneTheJobShowsItsRecord() throws IOException {
        FileJobRepository repository = new FileJobRepository(TestJobs.settings(dir, 10));
        TrainingJob job = TrainingJob.create("j2", "unlucky", TestJobs.config(1), Instant.now());
        repository.add(job);
        JobStarted started = job.start(Instant.now(), null);
        repository.save(started.job());
        // the job's folder turns into a file: its next write fails as on a full disk
        Path folder = dir.resolve("j2");
        Path record = folder.resolve(FileJobRepository.RECORD);
        String stored = Files.readString(record);
        Files.delete(record);
        Files.delete(folder);
        Files.writeString(folder, "in the way");

        JobFailed failed = job.fail("No space left on device", Instant.now());
        assertThatThrownBy(() -> repository.save(failed.job())).isInstanceOf(UncheckedIOException.class);

        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(repository.find("j2").orElseThrow().snapshot().error()).isNull();
        assertThat(stored).contains("\"RUNNING\"");
        // a later change is written as usual once the disk takes it
        Files.delete(folder);
        repository.save(job.fail("another reason", Instant.now()).job());
        assertThat(Files.readString(record)).contains("\"FAILED\"", "another reason");
    }
}
