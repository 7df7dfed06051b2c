package io.digitnet.sweeps;

import static io.digitnet.sweeps.SweepsIntegrationTests.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.DigitnetApplication;
import io.digitnet.training.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * A sweep survives a crash in its middle: the files as a kill -9 leaves them (a trial done, one running, one not
 * queued yet) are enough for a second start to re-attach to the trials, resume the running one from its checkpoint,
 * feed the rest, and end with the best promoted; every trial is trained by exactly one job.
 */
class SweepRestartIntegrationTests {

    private static final Duration TRAINING = Duration.ofSeconds(180);

    @TempDir
    Path dataDir;

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(DigitnetApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--digitnet.jobs.dir=" + data.resolve("jobs"),
                "--digitnet.models.dir=" + data.resolve("models"),
                "--digitnet.sweeps.dir=" + data.resolve("sweeps"),
                "--digitnet.sweeps.poll-interval=200ms",
                "--digitnet.jobs.workers=1");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aSweepInterruptedByACrashCarriesOnWhereItStopped() throws IOException {
        Path first = dataDir.resolve("first");
        Path crashed = dataDir.resolve("crashed");
        String id;
        String firstJob;
        try (ConfigurableApplicationContext context = start(first)) {
            Api api = api(context);
            Api.Response started = api.post("/sweeps", "{\"name\":\"restart\",\"base\":{\"hiddenSize\":10,"
                    + "\"epochs\":3,\"batchSize\":500,\"seed\":4},\"grid\":{\"learningRate\":[0.1,0.3,0.5]},"
                    + "\"maxParallel\":1,\"promote\":\"restarted-best\"}");
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            id = started.body().get("id").asString();
            await().atMost(TRAINING).until(() -> {
                JsonNode sweep = api.get("/sweeps/" + id).body();
                return trial(sweep, 1).get("status").asString().equals("SUCCEEDED")
                        && trial(sweep, 2).get("epochs").asInt() >= 1;
            });
            firstJob = trial(api.get("/sweeps/" + id).body(), 1).get("jobId").asString();
            // What a kill -9 leaves; the sweep first, so that every job it names is in the copy of the jobs.
            copy(first.resolve("sweeps"), crashed.resolve("sweeps"));
            copy(first.resolve("jobs"), crashed.resolve("jobs"));
            copy(first.resolve("models"), crashed.resolve("models"));
        }

        try (ConfigurableApplicationContext context = start(crashed)) {
            Api api = api(context);
            JsonNode restored = api.get("/sweeps/" + id).body();
            assertThat(restored.get("status").asString()).isEqualTo("RUNNING");
            await().atMost(TRAINING).until(() -> !api.get("/sweeps/" + id).body().get("status").asString()
                    .equals("RUNNING"));
            JsonNode sweep = api.get("/sweeps/" + id).body();
            assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(sweep.get("progress").get("done").asInt()).isEqualTo(3);
            assertThat(trial(sweep, 1).get("jobId").asString()).isEqualTo(firstJob);
            for (JsonNode trial : list(sweep.get("leaderboard"))) {
                assertThat(trial.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(trial.get("curve")).hasSize(3);
            }
            JsonNode second = api.job(trial(sweep, 2).get("jobId").asString());
            assertThat(second.get("resumedFromEpoch").asInt()).isBetween(1, 2);
            List<JsonNode> trialJobs = list(api.get("/jobs?size=100").body().get("content")).stream()
                    .filter(j -> j.has("sweepId") && j.get("sweepId").asString().equals(id)).toList();
            assertThat(trialJobs).as("one job per trial").hasSize(3);
            assertThat(api.get("/models/restarted-best").body().get("id").asString())
                    .isEqualTo(sweep.get("best").get("modelId").asString());
        }
    }

    private static JsonNode trial(JsonNode sweep, int number) {
        return list(sweep.get("leaderboard")).stream().filter(t -> t.get("trial").asInt() == number).findFirst()
                .orElseThrow();
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
                    } catch (NoSuchFileException e) {
                        // renamed or deleted while copying: a crash would not have left it either
                    }
                }
            }
        }
    }
}
