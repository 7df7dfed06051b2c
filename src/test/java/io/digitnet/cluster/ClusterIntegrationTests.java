package io.digitnet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.training.Api;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
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
 * Two instances as two JVMs on one PostgreSQL database of their own, each with one training worker, JobRunr polling
 * every 5 s and a cluster-wide queue of 2. Jobs are small (H=16, batches of 50, about three seconds an epoch here).
 * The order matters: the last tests stop and kill instances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTests {

    /** Two epochs of about 1,000 iterations. */
    static final String SHORT = "{\"hiddenSize\":16,\"batchSize\":50,\"iterations\":2000,\"seed\":%d}";
    /** Five epochs. */
    static final String FIVE_EPOCHS = "{\"hiddenSize\":16,\"batchSize\":50,\"iterations\":5000,\"seed\":%d}";
    /** Long enough to be cancelled while it runs. */
    static final String LONG = "{\"hiddenSize\":16,\"batchSize\":50,\"iterations\":60000,\"seed\":%d}";
    static final Duration START = TwoInstances.START;

    TwoInstances cluster;
    TestDatabase database;
    ClusterInstance a;
    ClusterInstance b;

    @BeforeAll
    void start() {
        Map<String, String> settings = Map.of("digitnet.jobs.workers", "1", "digitnet.jobs.queue-capacity", "2",
                "jobrunr.background-job-server.poll-interval-in-seconds", "5");
        cluster = TwoInstances.start("digitnet_cluster_it", settings);
        database = cluster.database();
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
    void jobsSpreadOverBothInstances_theQueueLimitIsClusterWide_andDeleteStopsAJobOnTheOtherInstance() {
        String first = a.api().submit(LONG.formatted(1));
        String second = b.api().submit(LONG.formatted(2));
        JsonNode firstRunning = a.api().awaitStatus(first, Duration.ofSeconds(60), "RUNNING");
        JsonNode secondRunning = a.api().awaitStatus(second, Duration.ofSeconds(60), "RUNNING");
        // one worker each: two jobs running at once run on both instances
        assertThat(Set.of(firstRunning.get("instance").asString(), secondRunning.get("instance").asString()))
                .containsExactlyInAnyOrder("a", "b");

        String third = a.api().submit(LONG.formatted(3));
        String fourth = b.api().submit(LONG.formatted(4));
        for (ClusterInstance instance : List.of(a, b)) {
            Api.Response refused = instance.api().post("/jobs", LONG.formatted(5));
            assertThat(refused.status()).as("submission to %s", instance.name()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
        }

        ClusterInstance runner = byName(firstRunning.get("instance").asString());
        ClusterInstance other = runner == a ? b : a;
        assertThat(other.api().delete("/jobs/" + first).status()).isEqualTo(202);
        // stopped on the instance running it within 2 s
        other.api().awaitStatus(first, Duration.ofSeconds(2), "CANCELLED");

        for (String id : List.of(second, third, fourth)) {
            assertThat(a.api().delete("/jobs/" + id).status()).isIn(200, 202);
        }
        for (String id : List.of(second, third, fourth)) {
            b.api().awaitStatus(id, Duration.ofSeconds(60), "CANCELLED");
        }
    }

    @Test
    @Order(2)
    void anInstanceStreamsAJobRunningOnTheOther_andBothAnswerAlikeForJobsAndModels() throws Exception {
        String id = a.api().submit(SHORT.formatted(7));
        JsonNode running = a.api().awaitStatus(id, Duration.ofSeconds(60), "RUNNING", "SUCCEEDED");
        ClusterInstance runner = byName(running.get("instance").asString());
        ClusterInstance watcher = runner == a ? b : a;

        record Received(Api.Event event, Instant at) {
        }
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> stream = watcher.api().openEvents(id);
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(),
                    StandardCharsets.UTF_8))) {
                List<String> block = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    block.add(line);
                    if (line.isEmpty()) {
                        Instant at = Instant.now();
                        Api.parse(block.stream()).forEach(event -> received.add(new Received(event, at)));
                        block.clear();
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        JsonNode done = a.api().awaitStatus(id, Duration.ofSeconds(90), "SUCCEEDED");
        reading.get(30, java.util.concurrent.TimeUnit.SECONDS);

        List<String> names = received.stream().map(r -> r.event().name()).toList();
        assertThat(names).contains("progress", "epoch");
        Received last = received.stream().filter(r -> r.event().name().equals("status")).reduce((x, y) -> y)
                .orElseThrow();
        assertThat(last.event().data().get("status").asString()).isEqualTo("SUCCEEDED");
        Instant finished = Instant.parse(done.get("finishedAt").asString());
        System.out.printf("status SUCCEEDED of a job on %s reached a stream on %s %d ms after it finished%n",
                runner.name(), watcher.name(), Duration.between(finished, last.at()).toMillis());
        assertThat(Duration.between(finished, last.at())).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(received.stream().filter(r -> r.event().name().equals("epoch"))
                .map(r -> r.event().data().get("epoch").asInt())).containsExactly(1, 2);

        // any instance answers for any job or model
        assertThat(b.api().get("/jobs/" + id).body()).isEqualTo(a.api().get("/jobs/" + id).body());
        assertThat(b.api().get("/jobs").body()).isEqualTo(a.api().get("/jobs").body());
        String model = done.get("modelId").asString();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(b.api().get("/models").body()).isEqualTo(a.api().get("/models").body()));
        assertThat(a.api().get("/models").body().toString()).contains(model);
        assertThat(b.api().get("/models/" + model + "/weights").text())
                .isEqualTo(a.api().get("/models/" + model + "/weights").text());
        assertThat(b.api().get("/models/" + model + "/weights").header("ETag"))
                .isEqualTo(a.api().get("/models/" + model + "/weights").header("ETag"));

        // cluster-wide job counts, the same on both instances
        for (ClusterInstance instance : List.of(a, b)) {
            String metrics = instance.api().get("/actuator/prometheus").text();
            assertThat(metrics).contains("digitnet_cluster_jobs{status=\"cancelled\"} 4.0")
                    .contains("digitnet_cluster_jobs{status=\"succeeded\"} 1.0");
        }
    }

    @Test
    @Order(3)
    void anAliasMovedOnOneInstanceIsUsedByTheOtherWithinASecond() {
        String first = a.api().get("/models").body().get(0).get("id").asString();
        String id = b.api().submit(SHORT.formatted(8));
        String second = b.api().awaitStatus(id, Duration.ofSeconds(90), "SUCCEEDED").get("modelId").asString();
        String pixels = "{\"model\":\"production\",\"pixels\":[" + String.join(",", IntStream.range(0, 784)
                .mapToObj(i -> "0").toList()) + "]}";

        assertThat(a.api().put("/models/" + first + "/aliases/production").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(b.api().post("/predict", pixels).body().get("model").asString()).isEqualTo(first));
        assertThat(a.api().put("/models/" + second + "/aliases/production").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(b.api().post("/predict", pixels).body().get("model").asString()).isEqualTo(second));
    }

    @Test
    @Order(4)
    void gracefulShutdownCheckpointsTheRunningJobAndHandsItOverAtOnce() {
        // about 18 epochs of under a second each here: still running when SIGTERM arrives
        String id = a.api().submit("{\"hiddenSize\":16,\"batchSize\":50,\"iterations\":20000,\"seed\":22}");
        JsonNode afterFirstEpoch = awaitEpochs(a.api(), id, 1);
        ClusterInstance runner = byName(afterFirstEpoch.get("instance").asString());
        ClusterInstance survivor = runner == a ? b : a;

        Instant stopping = Instant.now();
        runner.terminate();
        JsonNode resumed;
        try {
            // the stopping instance pauses its JobRunr server (so it cannot take the job back), enqueues the job again
            // and announces it; the survivor looks for work at once, at the latest at its next poll (5 s). The bound
            // is that poll plus the job's start on a loaded machine (claim, checkpoint, dataset).
            JsonNode[] seen = new JsonNode[1];
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                seen[0] = survivor.api().job(id);
                return survivor.name().equals(seen[0].path("instance").asString(null))
                        && List.of("RUNNING", "SUCCEEDED").contains(seen[0].get("status").asString());
            });
            resumed = seen[0];
            System.out.printf("job handed over by graceful shutdown of %s was running on %s %d ms after SIGTERM%n",
                    runner.name(), survivor.name(), Duration.between(stopping, Instant.now()).toMillis());
        } finally {
            runner.awaitExit();
            runner.restart();   // the next tests need both instances, whatever happened here
        }
        assertThat(resumed.get("instance").asString()).isEqualTo(survivor.name());
        assertThat(resumed.get("resumedFromEpoch").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode done = survivor.api().awaitStatus(id, Duration.ofSeconds(120), "SUCCEEDED");
        assertThat(epochs(done)).isEqualTo(IntStream.rangeClosed(1, done.get("epochs").asInt()).boxed().toList());
        runner.awaitReady(START);
    }

    @Test
    @Order(5)
    void killMinus9_anotherInstanceResumesFromTheLastCheckpoint_andTheWeightsEqualAnUninterruptedRun() {
        String reference = a.api().submit(FIVE_EPOCHS.formatted(21));
        String referenceModel = a.api().awaitStatus(reference, Duration.ofSeconds(120), "SUCCEEDED")
                .get("modelId").asString();
        String referenceSha = a.api().get("/models/" + referenceModel).body().get("weightsSha256").asString();

        String id = b.api().submit(FIVE_EPOCHS.formatted(21));
        JsonNode afterFirstEpoch = awaitEpochs(b.api(), id, 1);
        // checkpoints are written in the background after the epoch is reported: kill once one is stored
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> database.queryValue(
                "select completed_epochs from job_checkpoints where job_id = '" + id + "'") != null);
        ClusterInstance victim = byName(afterFirstEpoch.get("instance").asString());
        ClusterInstance survivor = victim == a ? b : a;

        Instant killed = Instant.now();
        victim.kill();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode job = survivor.api().job(id);
            return survivor.name().equals(job.path("instance").asString(null))
                    && List.of("RUNNING", "SUCCEEDED").contains(job.get("status").asString());
        });
        System.out.printf("job of killed instance %s resumed on %s %d s after kill -9%n", victim.name(),
                survivor.name(), Duration.between(killed, Instant.now()).toSeconds());

        JsonNode done = survivor.api().awaitStatus(id, Duration.ofSeconds(120), "SUCCEEDED");
        assertThat(done.get("resumedFromEpoch").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(epochs(done)).containsExactly(1, 2, 3, 4, 5);
        String sha = survivor.api().get("/models/" + done.get("modelId").asString()).body().get("weightsSha256")
                .asString();
        assertThat(sha).isEqualTo(referenceSha);
    }

    private static JsonNode awaitEpochs(Api api, String id, int epochs) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = api.job(id);
            return last[0].get("history").size() >= epochs && last[0].get("status").asString().equals("RUNNING");
        });
        return last[0];
    }

    private static List<Integer> epochs(JsonNode job) {
        return StreamSupport.stream(job.get("history").spliterator(), false).map(e -> e.get("epoch").asInt())
                .toList();
    }

    private ClusterInstance byName(String name) {
        return switch (name) {
            case "a" -> a;
            case "b" -> b;
            default -> throw new AssertionError("unknown instance " + name);
        };
    }
}
