package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.DigitnetApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Restarts: a second application context on the same job and model directories (datasets from ./data/datasets)
 * finds every job and model again, resumes interrupted jobs from their last checkpoint, and fails clearly those
 * whose checkpoint is damaged.
 */
class TrainingRestartIntegrationTests {

    private static final Duration TRAINING = Duration.ofSeconds(180);
    private static final String RESUMABLE = "{\"name\":\"resumable\",\"hiddenSize\":20,\"epochs\":4,\"seed\":5,"
            + "\"optimizer\":\"adam\"}";

    @TempDir
    Path dataDir;

    private static ConfigurableApplicationContext start(Path jobs, Path models, int workers) {
        // Command-line arguments: they take precedence over application.yml (default properties would not).
        return new SpringApplicationBuilder(DigitnetApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--digitnet.jobs.dir=" + jobs,
                "--digitnet.models.dir=" + models,
                "--digitnet.jobs.workers=" + workers,
                "--management.endpoint.health.show-details=always");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aGracefulRestartKeepsEveryJobAndModelAndResumesTheRunningJobBitForBit() {
        Path jobs = dataDir.resolve("jobs");
        Path models = dataDir.resolve("models");
        String done;
        String doneModel;
        String interrupted;
        String waiting;
        try (ConfigurableApplicationContext first = start(jobs, models, 1)) {
            Api api = api(first);
            done = api.submit("{\"name\":\"done\",\"hiddenSize\":10,\"iterations\":200,\"seed\":1}");
            doneModel = api.awaitStatus(done, TRAINING, "SUCCEEDED").get("modelId").asString();
            interrupted = api.submit(RESUMABLE);
            waiting = api.submit("{\"name\":\"waiting\",\"hiddenSize\":10,\"iterations\":200,\"seed\":2}");
            await().atMost(TRAINING).until(() -> api.job(interrupted).get("history").size() >= 1);
        }
        // Shutdown stopped the job at its next iteration and left it QUEUED at its last checkpoint.
        assertThat(Files.exists(jobs.resolve(interrupted).resolve(FileCheckpoints.INDEX))).isTrue();

        try (ConfigurableApplicationContext second = start(jobs, models, 1)) {
            Api api = api(second);
            JsonNode list = api.get("/jobs").body();
            assertThat(list.get("content").findValuesAsString("id")).containsExactly(waiting, interrupted, done);
            assertThat(api.job(done).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(api.get("/models/" + doneModel).status()).isEqualTo(200);

            JsonNode resumed = api.awaitStatus(interrupted, TRAINING, "SUCCEEDED", "FAILED");
            assertThat(resumed.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(resumed.get("resumedFromEpoch").asInt()).isBetween(1, 3);
            assertThat(resumed.get("history").findValues("epoch").stream().map(JsonNode::asInt))
                    .containsExactly(1, 2, 3, 4);
            assertThat(api.awaitStatus(waiting, TRAINING, "SUCCEEDED", "FAILED").get("status").asString())
                    .isEqualTo("SUCCEEDED");

            // The resumed run ends with the very weights of a run that was never interrupted.
            String uninterrupted = api.submit(RESUMABLE);
            JsonNode reference = api.awaitStatus(uninterrupted, TRAINING, "SUCCEEDED", "FAILED");
            assertThat(checksum(api, reference)).isEqualTo(checksum(api, resumed));
        }
    }

    @Test
    void afterACrashInterruptedJobsResumeOrFailClearlyAndUnreadableRecordsAreReported() throws IOException {
        Path jobs = dataDir.resolve("jobs");
        Path models = dataDir.resolve("models");
        Path crashedJobs = dataDir.resolve("crashed-jobs");
        Path crashedModels = dataDir.resolve("crashed-models");
        String healthy;
        String damaged;
        try (ConfigurableApplicationContext first = start(jobs, models, 2)) {
            Api api = api(first);
            healthy = api.submit(RESUMABLE);
            damaged = api.submit("{\"name\":\"damaged\",\"hiddenSize\":20,\"epochs\":4,\"seed\":6}");
            await().atMost(TRAINING).until(() -> api.job(healthy).get("history").size() >= 1
                    && api.job(damaged).get("history").size() >= 1);
            // checkpoints are written in the background after their epoch is reported: wait for them on disk
            await().atMost(TRAINING).until(() -> hasCheckpoint(jobs.resolve(healthy))
                    && hasCheckpoint(jobs.resolve(damaged)));
            // What a kill -9 leaves: the files as they are on disk at this moment, with both jobs RUNNING.
            copy(jobs, crashedJobs);
            copy(models, crashedModels);
        }
        JsonNode record = new tools.jackson.databind.json.JsonMapper()
                .readTree(crashedJobs.resolve(healthy).resolve("job.json").toFile());
        assertThat(record.get("status").asString()).isEqualTo("RUNNING");
        // Damage one checkpoint's weights and leave a record nobody can read.
        // Every npz: the copy may have caught a newer one written next to the one the index names, not deleted yet.
        try (Stream<Path> files = Files.list(crashedJobs.resolve(damaged))) {
            List<Path> npz = files.filter(f -> f.getFileName().toString().endsWith(".npz")).toList();
            assertThat(npz).isNotEmpty();
            for (Path f : npz) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }
        Files.createDirectories(crashedJobs.resolve("garbage"));
        Files.writeString(crashedJobs.resolve("garbage").resolve("job.json"), "{\"id\":\"garbage\", trunc");

        try (ConfigurableApplicationContext second = start(crashedJobs, crashedModels, 1)) {
            Api api = api(second);
            JsonNode resumed = api.awaitStatus(healthy, TRAINING, "SUCCEEDED", "FAILED");
            assertThat(resumed.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(resumed.get("resumedFromEpoch").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(resumed.get("history")).hasSize(4);

            JsonNode failed = api.awaitStatus(damaged, TRAINING, "SUCCEEDED", "FAILED");
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("error").asString()).contains("cannot resume").contains("SHA-256");
            assertThat(failed.get("history").size()).isGreaterThanOrEqualTo(1);

            JsonNode health = api.get("/actuator/health/trainingQueue").body();
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.get("details").get("unreadableJobRecords").get(0).asString()).contains("garbage");
            assertThat(api.get("/jobs").body().get("totalElements").asInt()).isEqualTo(2);
        }
    }

    private static String checksum(Api api, JsonNode job) {
        return api.get("/models/" + job.get("modelId").asString()).body().get("weightsSha256").asString();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    } catch (java.nio.file.NoSuchFileException e) {
                        // renamed or deleted while copying: a crash would not have left it either
                    }
                }
            }
        }
    }

    private static boolean hasCheckpoint(Path jobDir) throws IOException {
        try (Stream<Path> files = Files.list(jobDir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".npz"));
        }
    }
}
