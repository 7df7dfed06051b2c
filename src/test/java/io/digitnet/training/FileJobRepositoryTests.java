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

/** What only the file adapter does; the rest is {@link JobRepositoryContract}'s. */
class FileJobRepositoryTests {

    @TempDir
    Path dir;

    private FileJobRepository repository() {
        return new FileJobRepository(TestJobs.settings(dir, 10));
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
