package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file adapter does; the rest is {@link JobRepositoryContract}'s. */
class FileJobRepositoryTests {

    @TempDir
    Path dir;

    private FileJobRepository repository() {
        return new FileJobRepository(TestJobs.settings(dir, 10));
    }

    @Test
    void unreadableRecordsAndLeftoverTemporaryFilesDoNotStopStartUp() throws IOException {
        FileJobRepository first = repository();
        first.add(TestJobs.job("good", 1));
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken").resolve("job.json"), "{\"id\": \"broken\", \"stat");
        Path leftover = dir.resolve("good").resolve(".job.json.123.tmp");
        Files.writeString(leftover, "half a rec");

        FileJobRepository second = repository();
        assertThat(second.findAll()).extracting(TrainingJob::id).containsExactly("good");
        assertThat(second.unreadable()).singleElement().asString().contains("broken");
        assertThat(leftover).doesNotExist();
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws IOException {
        FileJobRepository repository = repository();
        TrainingJob job = TestJobs.job("a", 1);
        repository.add(job);
        repository.save(job.start(Instant.now(), null).job());
        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("job.json");
        }
    }
}
