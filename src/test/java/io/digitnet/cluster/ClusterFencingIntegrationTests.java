package io.digitnet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.training.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A job never runs on two instances at once, even when a stalled instance comes back. Two JVMs on one database of
 * their own (JobRunr polling every 5 s, so a server that misses 4 polls is declared dead); the one running a job is
 * frozen with SIGSTOP until the other takes the job over and trains it further, then let go with SIGCONT. Every
 * write the stalled one still makes about the job is refused by the fence, so the job ends as if it never stalled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFencingIntegrationTests {

    /** About 28 epochs of well under a second each here: the job still runs on the survivor when the other thaws. */
    static final String LONG = "{\"hiddenSize\":16,\"batchSize\":50,\"iterations\":30000,\"seed\":%d}";

    TwoInstances cluster;
    TestDatabase database;
    ClusterInstance a;
    ClusterInstance b;

    @BeforeAll
    void start() {
        Map<String, String> settings = Map.of("digitnet.jobs.workers", "1",
                "jobrunr.background-job-server.poll-interval-in-seconds", "5");
        cluster = TwoInstances.start("digitnet_fencing_it", settings);
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
    void aStalledInstanceThatComesBackWritesNothing_andTheJobEndsAsAnUninterruptedRun() {
        String reference = a.api().submit(LONG.formatted(41));
        JsonNode referenceDone = a.api().awaitStatus(reference, Duration.ofSeconds(180), "SUCCEEDED");
        String referenceSha = weightsSha(a.api(), referenceDone);
        List<Integer> allEpochs = epochs(referenceDone);

        String id = b.api().submit(LONG.formatted(41));
        JsonNode afterFirstEpoch = awaitRunningWith(b.api(), id, 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> database.queryValue(
                "select completed_epochs from job_checkpoints where job_id = '" + id + "'") != null);
        ClusterInstance stalled = afterFirstEpoch.get("instance").asString().equals("a") ? a : b;
        ClusterInstance survivor = stalled == a ? b : a;
        long fenceBefore = ((Number) database.queryValue("select fence from training_jobs where id = '" + id + "'"))
                .longValue();

        Instant frozen = Instant.now();
        stalled.freeze();
        JsonNode progressed;
        try {
            // taken over once the frozen server is declared dead, and trained further there
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode job = survivor.api().job(id);
                return survivor.name().equals(job.path("instance").asString(null))
                        && job.get("status").asString().equals("RUNNING");
            });
            System.out.printf("job of frozen instance %s taken over by %s %d s after SIGSTOP%n", stalled.name(),
                    survivor.name(), Duration.between(frozen, Instant.now()).toSeconds());
            int resumedFrom = survivor.api().job(id).get("resumedFromEpoch").asInt();
            assertThat(resumedFrom).isGreaterThanOrEqualTo(1);
            progressed = awaitRunningWith(survivor.api(), id, resumedFrom + 2);
        } finally {
            stalled.thaw();
        }
        long fenceAfterTakeOver = ((Number) database.queryValue(
                "select fence from training_jobs where id = '" + id + "'")).longValue();
        assertThat(fenceAfterTakeOver).isGreaterThan(fenceBefore);

        // the stalled instance notices at its first write and stops working on the job
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                stalled.logText().contains("Job " + id + " stopped here"));
        System.out.printf("%s stopped working on the job while it was %s on %s%n", stalled.name(),
                survivor.api().job(id).get("status").asString(), survivor.name());
        // and then answers from the database like the survivor (it does not show its own stale copy)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(stalled.api().job(id).get("instance").asString()).isEqualTo(survivor.name()));
        assertThat(database.queryValue("select owner from training_jobs where id = '" + id + "'"))
                .isIn(survivor.name(), null);
        assertThat(epochs(survivor.api().job(id))).startsWith(epochs(progressed).toArray(Integer[]::new));

        JsonNode done = survivor.api().awaitStatus(id, Duration.ofSeconds(180), "SUCCEEDED");
        assertThat(done.get("instance").asString()).isEqualTo(survivor.name());
        assertThat(epochs(done)).isEqualTo(allEpochs);
        assertThat(weightsSha(survivor.api(), done)).isEqualTo(referenceSha);
        // one model for the job: the stalled instance stored none of its own
        assertThat(StreamSupport.stream(survivor.api().get("/models").body().spliterator(), false)
                .map(model -> survivor.api().get("/models/" + model.get("id").asString()).body())
                .filter(model -> id.equals(model.path("jobId").asString(null)))).hasSize(1);

        // it stays SUCCEEDED, once: nothing the stalled instance or JobRunr does afterwards changes the record
        String finished = done.get("finishedAt").asString();
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (ClusterInstance instance : List.of(a, b)) {
                        JsonNode seen = instance.api().job(id);
                        assertThat(seen.get("status").asString()).isEqualTo("SUCCEEDED");
                        assertThat(seen.get("finishedAt").asString()).isEqualTo(finished);
                        assertThat(epochs(seen)).isEqualTo(allEpochs);
                    }
                });
        assertThat(stalled.alive()).isTrue();
    }

    private static JsonNode awaitRunningWith(Api api, String id, int epochs) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = api.job(id);
            return last[0].get("history").size() >= epochs && last[0].get("status").asString().equals("RUNNING");
        });
        return last[0];
    }

    private static String weightsSha(Api api, JsonNode job) {
        return api.get("/models/" + job.get("modelId").asString()).body().get("weightsSha256").asString();
    }

    private static List<Integer> epochs(JsonNode job) {
        return StreamSupport.stream(job.get("history").spliterator(), false).map(e -> e.get("epoch").asInt())
                .toList();
    }
}
