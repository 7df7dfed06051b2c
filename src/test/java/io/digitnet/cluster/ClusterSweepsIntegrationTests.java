package io.digitnet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.training.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Sweeps in cluster mode: two instances as two JVMs on one PostgreSQL database of their own, one training worker
 * each, JobRunr polling every 5 s, a cluster-wide queue of 2 of which sweeps leave 1 to other jobs. Both instances run
 * the sweep feeder. Trials are small networks (H of 8 to 24, batches of 50) trained long enough to outlast a JobRunr
 * poll (10 to 50 epochs, 5 to 15 seconds here; 17 epochs took 2 to 4 s once the test pass ran beside training, and one
 * instance then ran every trial back to back), so that a second trial starts while the first runs and a kill finds a
 * trial still running. The last test kills an instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSweepsIntegrationTests {

    static final Duration SWEEP = Duration.ofMinutes(6);

    TwoInstances cluster;
    ClusterInstance a;
    ClusterInstance b;

    @BeforeAll
    void start() {
        Map<String, String> settings = Map.of("digitnet.jobs.workers", "1", "digitnet.jobs.queue-capacity", "2",
                "digitnet.sweeps.queue-reserve", "1",
                "jobrunr.background-job-server.poll-interval-in-seconds", "5");
        cluster = TwoInstances.start("digitnet_cluster_sweeps_it", settings);
        a = cluster.a();
        b = cluster.b();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aSweepStartedOnOneInstanceRunsOnBoth_withClusterWideLimits_andStreamsOnTheOther() throws Exception {
        Api.Response started = a.api().post("/sweeps", "{\"name\":\"spread\",\"base\":{\"batchSize\":50,"
                + "\"iterations\":60000,\"seed\":11},\"grid\":{\"hiddenSize\":[8,16],\"learningRate\":[0.05,0.2]},"
                + "\"maxParallel\":3,\"promote\":\"cluster-best\"}");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String id = started.body().get("id").asString();
        CompletableFuture<List<Api.Event>> stream = CompletableFuture.supplyAsync(() -> events(b, id));

        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger mostQueued = new AtomicInteger();
        JsonNode sweep = await().atMost(SWEEP).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<JsonNode> active = list(b.api().get("/jobs?size=100&status=QUEUED,RUNNING&sweepId=" + id).body()
                    .get("content"));
            mostActive.accumulateAndGet(active.size(), Math::max);
            mostQueued.accumulateAndGet((int) active.stream().filter(j -> status(j).equals("QUEUED")).count(),
                    Math::max);
            return a.api().get("/sweeps/" + id).body();
        }, s -> !status(s).equals("RUNNING"));

        assertThat(status(sweep)).as(sweep.toString()).isEqualTo("SUCCEEDED");
        // one worker each: a third trial can only wait; the queue keeps one of its two slots for other jobs
        assertThat(mostActive.get()).isBetween(1, 3);
        assertThat(mostQueued.get()).isLessThanOrEqualTo(1);
        List<JsonNode> board = assertCompleteLeaderboard(b, id, sweep);
        Set<String> instances = new HashSet<>();
        for (JsonNode trial : board) {
            instances.add(b.api().job(trial.get("jobId").asString()).get("instance").asString());
        }
        assertThat(instances).as("instances that ran trials").containsExactlyInAnyOrder("a", "b");
        assertThat(b.api().get("/models/cluster-best").body().get("id").asString())
                .isEqualTo(board.get(0).get("modelId").asString());
        assertThat(b.api().get("/sweeps/" + id).body()).isEqualTo(a.api().get("/sweeps/" + id).body());

        // b's stream saw every trial end and every epoch once, whichever instance fed or trained it, then the end
        List<Api.Event> events = stream.get(60, TimeUnit.SECONDS);
        assertThat(events.get(0).name()).isEqualTo("sweep");
        Api.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("sweep");
        assertThat(status(last.data())).isEqualTo("SUCCEEDED");
        List<String> epochs = events.stream().filter(e -> e.name().equals("epoch"))
                .map(e -> e.data().get("trial").asInt() + "/" + e.data().get("epoch").asInt()).toList();
        List<String> expected = new ArrayList<>();
        for (JsonNode trial : board) {
            for (int epoch = 1; epoch <= trial.get("curve").size(); epoch++) {
                expected.add(trial.get("trial").asInt() + "/" + epoch);
            }
        }
        assertThat(epochs).containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode trial : board) {
            int number = trial.get("trial").asInt();
            assertThat(events.stream().filter(e -> e.name().equals("trial") && e.data().get("trial").asInt() == number)
                    .map(e -> status(e.data()))).as("trial %d", number).endsWith("SUCCEEDED");
        }
    }

    @Test
    @Order(2)
    void cancellingOnOneInstanceStopsTheTrialsRunningOnTheOther() {
        Api.Response started = a.api().post("/sweeps", "{\"name\":\"cancelled\",\"base\":{\"batchSize\":50,"
                + "\"iterations\":60000,\"seed\":13},\"grid\":{\"hiddenSize\":[8,16,24]},\"maxParallel\":2}");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String id = started.body().get("id").asString();
        JsonNode running = await().atMost(SWEEP).pollInterval(Duration.ofMillis(200)).until(() ->
                list(a.api().get("/jobs?status=RUNNING&sweepId=" + id).body().get("content")).stream().findFirst()
                        .orElse(null), j -> j != null);
        ClusterInstance other = running.get("instance").asString().equals("a") ? b : a;

        Api.Response cancelled = other.api().delete("/sweeps/" + id);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(status(cancelled.body())).isEqualTo("CANCELLED");
        assertThat(list(cancelled.body().get("leaderboard"))).allSatisfy(t ->
                assertThat(status(t)).isEqualTo("CANCELLED"));
        List<String> trialJobs = list(cancelled.body().get("leaderboard")).stream().filter(t -> t.hasNonNull("jobId"))
                .map(t -> t.get("jobId").asString()).toList();
        assertThat(trialJobs).contains(running.get("id").asString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(list(a.api().get("/jobs?size=100&sweepId=" + id).body().get("content")))
                        .allSatisfy(j -> assertThat(status(j)).isEqualTo("CANCELLED"))
                        .extracting(j -> j.get("id").asString()).containsExactlyInAnyOrderElementsOf(trialJobs));
        assertThat(a.api().delete("/sweeps/" + id).status()).isEqualTo(409);
    }

    @Test
    @Order(3)
    void killMinus9_theOtherInstanceFinishesTheSweep_everyTrialOnce_andPromotesTheBest() {
        Api.Response started = a.api().post("/sweeps", "{\"name\":\"survivor\",\"base\":{\"batchSize\":50,"
                + "\"iterations\":12000,\"seed\":12},\"grid\":{\"hiddenSize\":[8,16],\"activation\":[\"sigmoid\","
                + "\"relu\"]},\"maxParallel\":2,\"promote\":\"survivor-best\"}");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String id = started.body().get("id").asString();
        // a trial with an epoch behind it, on either instance: that instance is killed
        JsonNode running = await().atMost(SWEEP).pollInterval(Duration.ofMillis(200)).until(() ->
                list(a.api().get("/jobs?size=100&status=RUNNING&sweepId=" + id).body().get("content")).stream()
                        .filter(j -> j.get("history").size() >= 1).findFirst().orElse(null), j -> j != null);
        ClusterInstance victim = running.get("instance").asString().equals("a") ? a : b;
        ClusterInstance survivor = victim == a ? b : a;

        Instant killed = Instant.now();
        victim.kill();
        JsonNode sweep = await().atMost(SWEEP).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> survivor.api().get("/sweeps/" + id).body(), s -> !status(s).equals("RUNNING"));
        System.out.printf("sweep of killed instance %s finished on %s %d s after kill -9%n", victim.name(),
                survivor.name(), Duration.between(killed, Instant.now()).toSeconds());

        assertThat(status(sweep)).as(sweep.toString()).isEqualTo("SUCCEEDED");
        List<JsonNode> board = assertCompleteLeaderboard(survivor, id, sweep);
        JsonNode interrupted = survivor.api().job(running.get("id").asString());
        assertThat(status(interrupted)).isEqualTo("SUCCEEDED");
        assertThat(interrupted.get("instance").asString()).isEqualTo(survivor.name());
        assertThat(board.stream().map(t -> t.get("jobId").asString())).contains(running.get("id").asString());
        assertThat(survivor.api().get("/models/survivor-best").body().get("id").asString())
                .isEqualTo(board.get(0).get("modelId").asString());
        assertThat(sweep.get("promotion").get("modelId").asString()).isEqualTo(board.get(0).get("modelId").asString());
    }

    /**
     * Four trials, each SUCCEEDED with its own job, ranked best first; the sweep's jobs ({@code /jobs?sweepId}) are
     * exactly the trials' jobs: no trial was queued twice. Returns the leaderboard.
     */
    private static List<JsonNode> assertCompleteLeaderboard(ClusterInstance instance, String id, JsonNode sweep) {
        List<JsonNode> board = list(sweep.get("leaderboard"));
        assertThat(board).hasSize(4);
        assertThat(board).allSatisfy(t -> assertThat(status(t)).isEqualTo("SUCCEEDED"));
        List<String> trialJobs = board.stream().map(t -> t.get("jobId").asString()).toList();
        assertThat(new HashSet<>(trialJobs)).hasSize(4);
        List<JsonNode> jobs = list(instance.api().get("/jobs?size=100&sweepId=" + id).body().get("content"));
        assertThat(jobs.stream().map(j -> j.get("id").asString())).containsExactlyInAnyOrderElementsOf(trialJobs);
        assertThat(jobs).allSatisfy(j -> assertThat(status(j)).isEqualTo("SUCCEEDED"));
        assertThat(board.stream().map(t -> t.get("testAccuracy").asDouble()).toList())
                .isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(sweep.get("best").get("jobId").asString()).isEqualTo(trialJobs.get(0));
        return board;
    }

    /** A sweep's events on one instance, read until the stream ends. */
    private static List<Api.Event> events(ClusterInstance instance, String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + "/sweeps/"
                + id + "/events")).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
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

    private static String status(JsonNode node) {
        return node.get("status").asString();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
