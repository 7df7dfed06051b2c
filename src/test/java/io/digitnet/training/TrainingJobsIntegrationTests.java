package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.digitnet.models.FileModelStore;
import io.digitnet.npy.Npz;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The jobs API end to end: real HTTP, real MNIST from ./data/datasets, real training, models and jobs in a
 * temporary directory. One worker, a queue of two and three event streams at most, so that the limits are reachable.
 * Jobs are small (hidden layers of 10-30, a few epochs) to keep the suite fast.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingJobsIntegrationTests {

    private static final Duration TRAINING = Duration.ofSeconds(120);
    /** Runs for minutes unless cancelled: keeps the single worker busy. */
    private static final String BLOCKER = "{\"name\":\"blocker\",\"hiddenSize\":20,\"epochs\":90,\"seed\":3}";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("digitnet.jobs.dir", () -> dataDir.resolve("jobs").toString());
        registry.add("digitnet.models.dir", () -> dataDir.resolve("models").toString());
        registry.add("digitnet.jobs.workers", () -> "1");
        registry.add("digitnet.jobs.queue-capacity", () -> "2");
        registry.add("digitnet.jobs.max-event-streams", () -> "3");
        registry.add("management.endpoint.health.show-details", () -> "always");
    }

    @LocalServerPort
    int port;

    @Autowired
    FileModelStore models;

    @Autowired
    TrainingJobs jobs;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** Every test starts with an idle worker and an empty queue. */
    @AfterEach
    void stopEveryJob() {
        for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
            jobs.withStatus(status).forEach(job -> jobs.cancel(job.id()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jobs.count(JobStatus.RUNNING) + jobs.count(JobStatus.QUEUED) == 0);
    }

    @Test
    void aJobRunsToSucceededWithHistoryAndAModelWhoseWeightsLoadAndMatchTheirChecksum() throws IOException {
        String id = api.submit("{\"name\":\"first-net\",\"hiddenSize\":30,\"activation\":\"relu\","
                + "\"weightInit\":\"he\",\"epochs\":2,\"seed\":7}");
        JsonNode job = api.awaitStatus(id, TRAINING, "SUCCEEDED", "FAILED");

        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("name").asString()).isEqualTo("first-net");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.get("epoch").asInt()).isEqualTo(2);
        assertThat(job.get("iteration").asLong()).isEqualTo(1200).isEqualTo(job.get("iterations").asLong());
        assertThat(job.get("etaSeconds").asDouble()).isZero();
        assertThat(job.get("error").isNull()).isTrue();
        assertThat(job.get("startedAt").asString()).isNotBlank();
        assertThat(job.get("finishedAt").asString()).isNotBlank();
        // no digitnet.instance-id here: host name and the port the server really bound (server.port=0)
        assertThat(job.get("instance").asString()).endsWith(":" + port).isNotEqualTo(":" + port);
        JsonNode history = job.get("history");
        assertThat(history).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode epoch = history.get(i);
            assertThat(epoch.get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(epoch.get("trainLoss").asDouble()).isBetween(0.0, 2.5);
            assertThat(epoch.get("trainAccuracy").asDouble()).isBetween(0.85, 1.0);
            assertThat(epoch.get("testAccuracy").asDouble()).isBetween(0.85, 1.0);
            assertThat(epoch.get("seconds").asDouble()).isPositive();
        }

        String modelId = job.get("modelId").asString();
        Api.Response model = api.get("/models/" + modelId);
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().get("jobId").asString()).isEqualTo(id);
        assertThat(model.body().get("dataset").asString()).isEqualTo("mnist");
        assertThat(model.body().get("trainingConfig").get("seed").asLong()).isEqualTo(7);
        assertThat(model.body().get("trainingConfig").get("hiddenSize").asInt()).isEqualTo(30);
        assertThat(model.body().get("metrics").get("testAccuracy").asDouble()).isBetween(0.85, 1.0);
        assertThat(model.body().get("metrics").has("trainAccuracy")).isTrue();
        assertThat(model.body().get("metrics").has("trainLoss")).isTrue();

        Path weights = models.weightsFile(modelId);
        assertThat(sha256(weights)).isEqualTo(model.body().get("weightsSha256").asString());
        Map<String, INDArray> arrays;
        try (InputStream in = Files.newInputStream(weights)) {
            arrays = Npz.read(in);
        }
        assertThat(arrays.get("W1").shape()).containsExactly(784, 30);
        assertThat(arrays.get("b1").shape()).containsExactly(30);
        assertThat(arrays.get("W2").shape()).containsExactly(30, 10);
        assertThat(arrays.get("b2").shape()).containsExactly(10);
        assertThat(arrays.values()).allSatisfy(a -> assertThat(a.dataType()).isEqualTo(DataType.FLOAT));
        assertThat(models.load(modelId).metadata().jobId()).isEqualTo(id);

        // The finished job needs no checkpoint any more.
        await().untilAsserted(() -> assertThat(files(id)).containsExactly("job.json"));
    }

    @Test
    void progressNeverGoesBackwardsAndReachesOne() throws Exception {
        // The blocker holds the worker, so the stream below is open before the job under test starts.
        String blocker = api.submit(BLOCKER);
        String id = api.submit("{\"hiddenSize\":20,\"epochs\":3,\"seed\":1}");
        // Returns once the response headers arrived, that is once the stream is registered.
        HttpResponse<InputStream> response = api.openEvents(id);
        CompletableFuture<List<Api.Event>> stream = CompletableFuture.supplyAsync(() -> Api.parse(
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)).lines()));
        api.delete("/jobs/" + blocker);

        List<Double> polled = new ArrayList<>();
        await().atMost(TRAINING).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode job = api.job(id);
            polled.add(job.get("progress").asDouble());
            return job.get("status").asString().equals("SUCCEEDED");
        });
        assertThat(polled).isSorted();
        assertThat(polled.get(polled.size() - 1)).isEqualTo(1.0);

        List<Api.Event> events = stream.get(TRAINING.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events.get(0).name()).isEqualTo("status");
        assertThat(events.get(0).data().get("status").asString()).isEqualTo("QUEUED");
        List<Double> progress = events.stream().filter(e -> e.name().equals("progress"))
                .map(e -> e.data().get("progress").asDouble()).toList();
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(events.stream().filter(e -> e.name().equals("epoch")).map(e -> e.data().get("epoch").asInt()))
                .containsExactly(1, 2, 3);
        Api.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("status");
        assertThat(last.data().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(last.data().get("progress").asDouble()).isEqualTo(1.0);
    }

    @Test
    void metricsAppearWhileAJobRunsAndCancelStopsIt() throws IOException {
        String id = api.submit(BLOCKER);
        await().atMost(TRAINING).until(() -> api.job(id).get("history").size() >= 1);

        String prometheus = api.get("/actuator/prometheus").text();
        assertThat(prometheus)
                .contains("digitnet_training_progress{jobId=\"" + id + "\"}")
                .contains("digitnet_training_loss{jobId=\"" + id + "\"}")
                .contains("digitnet_training_accuracy{jobId=\"" + id + "\",split=\"train\"}")
                .contains("digitnet_training_accuracy{jobId=\"" + id + "\",split=\"test\"}")
                .contains("digitnet_jobs{status=\"running\"} 1.0")
                .contains("digitnet_training_samples_total")
                .contains("digitnet_training_epoch_seconds_count");
        assertThat(api.get("/actuator/training").body().get("running").get(0).get("id").asString()).isEqualTo(id);
        JsonNode health = api.get("/actuator/health/trainingQueue").body();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("running").asInt()).isEqualTo(1);

        Api.Response cancel = api.delete("/jobs/" + id);
        // 202 while it stops; 200 when it already stopped before the answer was written (within one iteration).
        assertThat(cancel.status()).isIn(200, 202);
        JsonNode job = api.awaitStatus(id, Duration.ofSeconds(10), "CANCELLED", "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(job.get("iteration").asLong()).isLessThan(job.get("iterations").asLong());
        assertThat(job.get("progress").asDouble()).isLessThan(1.0);
        assertThat(job.get("modelId").isNull()).isTrue();
        assertThat(job.get("finishedAt").asString()).isNotBlank();
        assertThat(models.list()).noneMatch(m -> id.equals(m.jobId()));

        // Listeners of the final event run just after the status changed: await them.
        await().untilAsserted(() -> assertThat(api.get("/actuator/prometheus").text()).doesNotContain(id)
                .contains("digitnet_jobs_completed_total{outcome=\"cancelled\"}"));
        assertThat(api.delete("/jobs/" + id).status()).isEqualTo(409);
        await().untilAsserted(() -> assertThat(files(id)).containsExactly("job.json"));
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() {
        String running = api.submit(BLOCKER);
        api.awaitStatus(running, TRAINING, "RUNNING");
        String first = api.submit("{\"hiddenSize\":10,\"iterations\":10}");
        String second = api.submit("{\"hiddenSize\":10,\"iterations\":10}");

        Api.Response refused = api.post("/jobs", "{}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body().get("title").asString()).isEqualTo("Training queue full");

        JsonNode training = api.get("/actuator/training").body();
        assertThat(training.get("queued").findValuesAsString("id")).containsExactly(first, second);
        assertThat(training.get("running").findValuesAsString("id")).containsExactly(running);
    }

    @Test
    void sameSeedSameWeights() throws IOException {
        String config = "\"hiddenSize\":20,\"iterations\":300,\"optimizer\":\"momentum\",\"activation\":\"relu\","
                + "\"weightInit\":\"he\"";
        String a = api.submit("{" + config + ",\"seed\":123}");
        // The queue holds two: let the worker take the first one.
        api.awaitStatus(a, TRAINING, "RUNNING", "SUCCEEDED", "FAILED");
        String b = api.submit("{" + config + ",\"seed\":123}");
        String c = api.submit("{" + config + ",\"seed\":124}");
        List<String> checksums = new ArrayList<>();
        for (String id : List.of(a, b, c)) {
            JsonNode job = api.awaitStatus(id, TRAINING, "SUCCEEDED", "FAILED");
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
            String modelId = job.get("modelId").asString();
            String recorded = api.get("/models/" + modelId).body().get("weightsSha256").asString();
            assertThat(sha256(models.weightsFile(modelId))).isEqualTo(recorded);
            checksums.add(recorded);
        }
        assertThat(checksums.get(0)).isEqualTo(checksums.get(1));
        assertThat(checksums.get(2)).isNotEqualTo(checksums.get(0));
    }

    @Test
    void earlyStoppingKeepsTheBestWeightsAndTheGradientCheckIsRecorded() {
        // Epoch 1 always sets the best loss; no later epoch improves it by 1.0, so patience 1 stops after epoch 2.
        String id = api.submit("{\"hiddenSize\":10,\"epochs\":4,\"seed\":9,\"gradientCheck\":true,"
                + "\"earlyStopping\":{\"patience\":1,\"minDelta\":1.0}}");
        JsonNode job = api.awaitStatus(id, TRAINING, "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("config").get("validation").get("size").asInt()).isEqualTo(6000);
        assertThat(job.get("config").get("trainSize").asInt()).isEqualTo(54_000);
        assertThat(job.get("config").get("earlyStopping").get("patience").asInt()).isEqualTo(1);
        assertThat(job.get("gradientCheckError").asDouble()).isBetween(0.0, 1e-5);
        assertThat(job.get("history")).hasSize(2);
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);

        JsonNode metrics = api.get("/models/" + job.get("modelId").asString()).body().get("metrics");
        assertThat(metrics.get("stoppedEarly").asBoolean()).isTrue();
        // The stored weights are epoch 1's, the best ones.
        assertThat(metrics.get("testAccuracy").asDouble())
                .isCloseTo(job.get("history").get(0).get("testAccuracy").asDouble(), within(1e-3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"hidenSize\": 20}                      | hidenSize",
            "{\"earlyStopping\": {\"patiense\": 2}}   | earlyStopping.patiense",
            "{\"dataset\": \"cifar\"}                 | dataset",
            "{\"activation\": \"tanh\"}               | activation",
            "{\"optimizer\": \"rmsprop\"}             | optimizer",
            "{\"weightInit\": \"glorot\"}             | weightInit",
            "{\"hiddenSize\": 0}                      | hiddenSize",
            "{\"hiddenSize\": 1.5}                    | hiddenSize",
            "{\"learningRate\": 0}                    | learningRate",
            "{\"batchSize\": 60001}                   | batchSize",
            "{\"epochs\": 2, \"iterations\": 100}     | iterations",
            "{\"iterations\": 100000000}              | iterations",
            "{\"gradientCheck\": \"yes\"}             | gradientCheck"})
    void eachKindOfBadBodyIsA400NamingTheField(String body, String field) {
        Api.Response response = api.post("/jobs", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.body().get("detail").asString()).contains(field);
    }

    @Test
    void eventStreamsAreCapped() throws IOException {
        String id = api.submit(BLOCKER);
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(api.openEvents(id));
                assertThat(open.get(i).statusCode()).isEqualTo(200);
            }
            HttpResponse<InputStream> refused = api.openEvents(id);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            refused.body().close();
        } finally {
            api.delete("/jobs/" + id);
            for (HttpResponse<InputStream> response : open) {
                response.body().close();
            }
        }
    }

    private List<String> files(String jobId) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("jobs").resolve(jobId))) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
