package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.nn.Activation;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainMetrics;
import io.digitnet.nn.WeightInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJobRepositoryTests {

    @TempDir
    Path dir;

    private FileJobRepository repository() {
        return new FileJobRepository(TestJobs.settings(dir, 10));
    }

    @Test
    void jobsSurviveANewRepositoryOnTheSameDirectoryNewestFirst() {
        FileJobRepository first = repository();
        TrainingJob older = TrainingJob.create("a", "older", TestJobs.config(2), Instant.parse("2026-01-01T00:00:00Z"));
        TrainingJob newer = TrainingJob.create("b", "newer", TestJobs.config(2), Instant.parse("2026-01-02T00:00:00Z"));
        first.add(older);
        first.add(newer);
        older.start(Instant.parse("2026-01-03T00:00:00Z"), null);
        older.progressed(1, 600, 1200, 0.3, 1.0);
        first.save(older.epochCompleted(new EpochRecord(1, 0.3, 0.9, 0.91, 0.5)).job());

        FileJobRepository second = repository();
        assertThat(second.findAll()).extracting(TrainingJob::id).containsExactly("b", "a");
        JobSnapshot restored = second.find("a").orElseThrow().snapshot();
        assertThat(restored.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(restored.history()).containsExactly(new EpochRecord(1, 0.3, 0.9, 0.91, 0.5));
        assertThat(restored.config()).isEqualTo(TestJobs.config(2));
        assertThat(restored.name()).isEqualTo("older");
        assertThat(second.unreadable()).isEmpty();
    }

    /** The enums are written by the lower-case names earlier versions wrote, and such records load as enums. */
    @Test
    void theConfigurationEnumsKeepTheirLowerCaseNamesInJobJson() throws IOException {
        repository().add(TestJobs.job("a", 2));
        Path record = dir.resolve("a").resolve(FileJobRepository.RECORD);
        String written = Files.readString(record);
        assertThat(written).contains("\"activation\" : \"sigmoid\"", "\"weightInit\" : \"std\"",
                "\"optimizer\" : \"sgd\"", "\"trainMetrics\" : \"running\"");

        // as a version before trainMetrics wrote it, with other values
        Files.writeString(record, written.replace("\"activation\" : \"sigmoid\"", "\"activation\" : \"relu\"")
                .replace("\"weightInit\" : \"std\"", "\"weightInit\" : \"he\"")
                .replace("\"optimizer\" : \"sgd\"", "\"optimizer\" : \"adam\"")
                .replace(",\n    \"trainMetrics\" : \"running\"", ""));
        assertThat(Files.readString(record)).doesNotContain("trainMetrics");

        JobConfig config = repository().find("a").orElseThrow().snapshot().config();
        assertThat(config.activation()).isEqualTo(Activation.RELU);
        assertThat(config.weightInit()).isEqualTo(WeightInit.HE);
        assertThat(config.optimizer()).isEqualTo(OptimizerType.ADAM);
        assertThat(config.trainMetrics()).isEqualTo(TrainMetrics.RUNNING);
    }

    @Test
    void aSnapshotOlderThanTheStoredOneIsIgnored() {
        FileJobRepository first = repository();
        TrainingJob job = TestJobs.job("a", 2);
        first.add(job);
        JobSnapshot stale = job.snapshot();
        first.save(job.start(Instant.now(), null).job());
        first.save(stale);

        assertThat(repository().find("a").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
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
