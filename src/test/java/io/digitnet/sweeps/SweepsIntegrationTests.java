package io.digitnet.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.training.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Sweeps end to end: real HTTP, real MNIST from ./data/datasets, real training. One worker and a queue of three of
 * which sweeps leave one free, so that a sweep larger than the queue is reachable. Trials are tiny (hidden layers of
 * 5-30, one to four epochs of batches of 500) to keep the suite fast.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SweepsIntegrationTests {

    static final Duration TRAINING = Duration.ofSeconds(180);
    /** Runs for minutes unless cancelled: keeps the single worker busy. */
    static final String BLOCKER = "{\"name\":\"blocker\",\"hiddenSize\":20,\"epochs\":90,\"seed\":3}";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("digitnet.jobs.dir", () -> dataDir.resolve("jobs").toString());
        registry.add("digitnet.models.dir", () -> dataDir.resolve("models").toString());
        registry.add("digitnet.sweeps.dir", () -> dataDir.resolve("sweeps").toString());
        registry.add("digitnet.jobs.workers", () -> "1");
        registry.add("digitnet.jobs.queue-capacity", () -> "3");
        registry.add("digitnet.sweeps.queue-reserve", () -> "1");
        registry.add("digitnet.sweeps.poll-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aTwoByTwoGridEndsWithAnOrderedLeaderboardAndTheBestModelPromoted() throws Exception {
        Api.Response started = api.post("/sweeps", "{\"name\":\"grid\",\"base\":{\"epochs\":1,\"batchSize\":500,"
                + "\"seed\":7},\"grid\":{\"hiddenSize\":[8,24],\"activation\":[\"sigmoid\",\"relu\"]},"
                + "\"promote\":\"sweep-best\"}");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String id = started.body().get("id").asString();
        assertThat(started.header("Location")).isEqualTo("/sweeps/" + id);
        assertThat(started.body().get("progress").get("total").asInt()).isEqualTo(4);
        CompletableFuture<List<Api.Event>> events = CompletableFuture.supplyAsync(() -> events(id));

        JsonNode sweep = awaitEnd(id);
        assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(sweep.get("progress").get("done").asInt()).isEqualTo(4);
        List<JsonNode> board = list(sweep.get("leaderboard"));
        assertThat(board).hasSize(4);
        List<String> params = board.stream().map(t -> t.get("params").toString()).toList();
        assertThat(params).containsExactlyInAnyOrder("{\"hiddenSize\":8,\"activation\":\"sigmoid\"}",
                "{\"hiddenSize\":8,\"activation\":\"relu\"}", "{\"hiddenSize\":24,\"activation\":\"sigmoid\"}",
                "{\"hiddenSize\":24,\"activation\":\"relu\"}");
        List<Double> accuracies = new ArrayList<>();
        for (JsonNode trial : board) {
            assertThat(trial.get("status").asString()).isEqualTo("SUCCEEDED");
            JsonNode job = api.job(trial.get("jobId").asString());
            assertThat(job.get("sweepId").asString()).isEqualTo(id);
            assertThat(job.get("config").get("hiddenSize").asInt()).isEqualTo(trial.get("params").get("hiddenSize")
                    .asInt());
            assertThat(job.get("config").get("seed").asLong()).isEqualTo(7);
            assertThat(job.get("modelId").asString()).isEqualTo(trial.get("modelId").asString());
            // The leaderboard's accuracy is the stored model's.
            JsonNode model = api.get("/models/" + trial.get("modelId").asString()).body();
            assertThat(trial.get("testAccuracy").asDouble())
                    .isEqualTo(model.get("metrics").get("testAccuracy").asDouble());
            assertThat(trial.get("seconds").asDouble()).isPositive();
            assertThat(trial.get("curve")).hasSize(1);
            accuracies.add(trial.get("testAccuracy").asDouble());
        }
        assertThat(accuracies).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(sweep.get("best").get("jobId").asString()).isEqualTo(board.get(0).get("jobId").asString());
        String bestModel = board.get(0).get("modelId").asString();
        assertThat(sweep.get("promotion").get("modelId").asString()).isEqualTo(bestModel);
        assertThat(api.get("/models/sweep-best").body().get("id").asString()).isEqualTo(bestModel);

        // The trials are ordinary jobs.
        JsonNode jobs = api.get("/jobs?size=100").body().get("content");
        assertThat(list(jobs).stream().filter(j -> j.has("sweepId") && id.equals(j.get("sweepId").asString())))
                .hasSize(4);
        assertThat(list(api.get("/jobs?size=100&sweepId=" + id).body().get("content")).stream()
                .map(j -> j.get("id").asString())).containsExactlyInAnyOrderElementsOf(
                        board.stream().map(t -> t.get("jobId").asString()).toList());
        assertThat(list(api.get("/sweeps").body().get("content")).stream().map(s -> s.get("id").asString()))
                .contains(id);

        // Each trial's start, epochs and end, then the sweep's end.
        List<Api.Event> stream = events.get();
        assertThat(stream.get(0).name()).isEqualTo("sweep");
        assertThat(stream.get(stream.size() - 1).name()).isEqualTo("sweep");
        assertThat(stream.get(stream.size() - 1).data().get("status").asString()).isEqualTo("SUCCEEDED");
        for (int trial = 1; trial <= 4; trial++) {
            int n = trial;
            List<String> statuses = stream.stream().filter(e -> e.name().equals("trial")
                    && e.data().get("trial").asInt() == n).map(e -> e.data().get("status").asString()).toList();
            // The stream may open after the first trial started; the others are seen from their queueing.
            assertThat(statuses).as("trial %d", n).endsWith("SUCCEEDED");
            if (n > 1) {
                assertThat(statuses).as("trial %d", n).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
            }
            assertThat(stream.stream().filter(e -> e.name().equals("epoch") && e.data().get("trial").asInt() == n))
                    .hasSize(1);
        }

        String metrics = api.get("/actuator/prometheus").text();
        assertThat(metrics).contains("digitnet_sweeps{status=\"succeeded\"}")
                .contains("digitnet_sweeps_trials_completed_total{outcome=\"succeeded\"}");
    }

    @Test
    void aRandomSweepIsDrawnAgainFromItsSeed() {
        String search = "\"base\":{\"iterations\":1},\"random\":{\"learningRate\":{\"min\":0.001,\"max\":1,"
                + "\"log\":true},\"hiddenSize\":{\"min\":5,\"max\":40},\"batchSize\":[50,100,200]},\"trials\":6";
        JsonNode first = start("{\"name\":\"random\"," + search + "}");
        long seed = first.get("plan").get("seed").asLong();
        JsonNode again = start("{\"name\":\"again\"," + search + ",\"seed\":" + seed + "}");
        JsonNode other = start("{\"name\":\"other\"," + search + ",\"seed\":" + (seed + 1) + "}");
        for (JsonNode sweep : List.of(first, again, other)) {
            api.delete("/sweeps/" + sweep.get("id").asString());
        }

        List<String> drawn = paramsByTrial(first);
        assertThat(paramsByTrial(again)).isEqualTo(drawn);
        assertThat(paramsByTrial(other)).isNotEqualTo(drawn);
        for (JsonNode trial : list(first.get("leaderboard"))) {
            JsonNode params = trial.get("params");
            assertThat(params.get("learningRate").asDouble()).isBetween(0.001, 1.0);
            assertThat(params.get("hiddenSize").isIntegralNumber()).isTrue();
            assertThat(params.get("hiddenSize").asInt()).isBetween(5, 40);
            assertThat(params.get("batchSize").asInt()).isIn(50, 100, 200);
        }
        // Log-uniform: the draws spread over the decades rather than crowding near the top.
        assertThat(list(first.get("leaderboard")).stream().map(t -> t.get("params").get("learningRate").asDouble())
                .distinct()).hasSize(6);
    }

    @Test
    void aSweepLargerThanTheQueueIsFedAsWorkersFreeUpAndLeavesRoomForOtherJobs() {
        String blocker = api.submit(BLOCKER);
        api.awaitStatus(blocker, TRAINING, "RUNNING");
        JsonNode started = start("{\"name\":\"large\",\"base\":{\"iterations\":20,\"batchSize\":100,\"seed\":1},"
                + "\"grid\":{\"hiddenSize\":[5,6,7,8,9,10]},\"maxParallel\":6}");
        String id = started.get("id").asString();
        // A queue of 3, one slot kept for other jobs: two trials queued, the rest wait in the sweep.
        await().atMost(TRAINING).until(() -> count(api.get("/sweeps/" + id).body(), "QUEUED") == 2);
        JsonNode sweep = api.get("/sweeps/" + id).body();
        assertThat(count(sweep, "PENDING")).isEqualTo(4);
        String other = api.submit("{\"name\":\"other user\",\"hiddenSize\":5,\"iterations\":20}");

        AtomicInteger mostQueued = new AtomicInteger();
        api.delete("/jobs/" + blocker);
        await().atMost(TRAINING).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode queued = api.get("/jobs?status=QUEUED&size=100").body().get("content");
            int trials = (int) list(queued).stream().filter(j -> j.has("sweepId")).count();
            mostQueued.accumulateAndGet(trials, Math::max);
            return api.get("/sweeps/" + id).body().get("status").asString().equals("SUCCEEDED");
        });
        assertThat(mostQueued.get()).isLessThanOrEqualTo(2);
        assertThat(count(api.get("/sweeps/" + id).body(), "SUCCEEDED")).isEqualTo(6);
        assertThat(api.awaitStatus(other, TRAINING, "SUCCEEDED", "FAILED").get("status").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void cancellingASweepCancelsEveryTrialNotEnded() {
        JsonNode started = start("{\"name\":\"cancel me\",\"base\":{\"hiddenSize\":20,\"epochs\":60,\"seed\":2},"
                + "\"grid\":{\"activation\":[\"sigmoid\",\"relu\"]},\"maxParallel\":2}");
        String id = started.get("id").asString();
        await().atMost(TRAINING).until(() -> count(api.get("/sweeps/" + id).body(), "RUNNING") == 1
                && count(api.get("/sweeps/" + id).body(), "QUEUED") == 1);

        Api.Response cancelled = api.delete("/sweeps/" + id);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(count(cancelled.body(), "CANCELLED")).isEqualTo(2);
        for (JsonNode trial : list(cancelled.body().get("leaderboard"))) {
            assertThat(api.awaitStatus(trial.get("jobId").asString(), TRAINING, "CANCELLED", "SUCCEEDED")
                    .get("status").asString()).isEqualTo("CANCELLED");
        }
        assertThat(api.delete("/sweeps/" + id).status()).isEqualTo(409);
        assertThat(api.get("/sweeps/" + id).body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.get("/sweeps/no-such-sweep").status()).isEqualTo(404);
        assertThat(api.delete("/sweeps/no-such-sweep").status()).isEqualTo(404);
    }

    @Test
    void theMedianStoppingRuleEndsAHopelessTrialEarly() {
        JsonNode started = start("{\"name\":\"median\",\"base\":{\"hiddenSize\":10,\"epochs\":4,\"batchSize\":500,"
                + "\"seed\":3},\"grid\":{\"learningRate\":[0.5,0.4,0.3,0.0000001]},"
                + "\"stopping\":{\"rule\":\"median\",\"minEpochs\":1,\"minTrials\":3},\"maxParallel\":1}");
        JsonNode sweep = awaitEnd(started.get("id").asString());
        assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
        List<JsonNode> board = list(sweep.get("leaderboard"));
        JsonNode hopeless = board.stream().filter(t -> t.get("trial").asInt() == 4).findFirst().orElseThrow();
        assertThat(hopeless.get("status").asString()).isEqualTo("STOPPED");
        assertThat(hopeless.get("epochs").asInt()).isBetween(1, 3);
        assertThat(api.job(hopeless.get("jobId").asString()).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(board.get(3).get("trial").asInt()).isEqualTo(4);
        for (JsonNode trial : board.subList(0, 3)) {
            assertThat(trial.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(trial.get("epochs").asInt()).isEqualTo(4);
        }
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertBad("{\"grid\":{\"hidenSize\":[10]}}", "grid.hidenSize", "unknown parameter");
        assertBad("{\"grid\":{\"hiddenSize\":[]}}", "grid.hiddenSize", "non-empty list");
        assertBad("{\"grid\":{\"hiddenSize\":[1,2,3,4,5,6,7,8,9,10,11],\"batchSize\":[1,2,3,4,5,6,7,8,9,10],"
                + "\"seed\":[1,2,3,4,5,6,7,8,9,10]}}", "grid", "1100 combinations");
        assertBad("{\"random\":{\"learningRate\":{\"min\":1,\"max\":0.1}}}", "random.learningRate", "min must be less");
        assertBad("{\"random\":{\"learningRate\":{\"min\":0,\"max\":1,\"log\":true}}}", "random.learningRate.min",
                "greater than 0");
        assertBad("{\"random\":{\"activation\":{\"min\":0,\"max\":1}}}", "random.activation", "numeric");
        assertBad("{\"grid\":{\"hiddenSize\":[10]},\"trials\":3}", "trials", "with random");
        assertBad("{\"grid\":{\"hiddenSize\":[10]},\"colour\":\"red\"}", "colour", "unknown field");
        assertBad("{\"base\":{\"hidenSize\":10},\"grid\":{\"activation\":[\"relu\"]}}", "base.hidenSize",
                "unknown field");
        assertBad("{\"grid\":{\"hiddenSize\":[10, 0]}}", "grid.hiddenSize", "must be between");
        assertBad("{\"grid\":{\"activation\":[\"relu\",\"swish\"]}}", "grid.activation", "unknown activation");
        assertBad("{\"grid\":{\"hiddenSize\":[10]},\"metric\":\"validationLoss\"}", "metric", "earlyStopping");
        assertBad("{\"grid\":{\"hiddenSize\":[10]},\"promote\":\"latest\"}", "promote", "alias");
        assertBad("{\"grid\":{\"hiddenSize\":[10]},\"stopping\":\"mean\"}", "stopping", "median");
        assertBad("{}", "grid", "give the parameters");
        assertThat(api.get("/sweeps?size=0").status()).isEqualTo(400);
    }

    private void assertBad(String body, String field, String message) {
        Api.Response response = api.post("/sweeps", body);
        assertThat(response.status()).as(body + " → " + response.text()).isEqualTo(400);
        assertThat(list(response.body().get("errors")).stream()
                .filter(e -> e.get("field").asString().equals(field)
                        && e.get("message").asString().contains(message)))
                .as(response.text()).isNotEmpty();
    }

    private JsonNode start(String body) {
        Api.Response response = api.post("/sweeps", body);
        assertThat(response.status()).as(response.text()).isEqualTo(202);
        return response.body();
    }

    private JsonNode awaitEnd(String id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(TRAINING).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(api.get("/sweeps/" + id).body());
            return !last.get().get("status").asString().equals("RUNNING");
        });
        return last.get();
    }

    private static List<String> paramsByTrial(JsonNode sweep) {
        return list(sweep.get("leaderboard")).stream()
                .sorted((a, b) -> Integer.compare(a.get("trial").asInt(), b.get("trial").asInt()))
                .map(t -> t.get("params").toString()).toList();
    }

    static long count(JsonNode sweep, String status) {
        return list(sweep.get("leaderboard")).stream().filter(t -> t.get("status").asString().equals(status))
                .count();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private List<Api.Event> events(String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sweeps/" + id
                + "/events")).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                return Api.parse(reader.lines());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
