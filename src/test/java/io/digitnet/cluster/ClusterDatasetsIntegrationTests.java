package io.digitnet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.datasets.web.RealData;
import io.digitnet.training.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploaded datasets in cluster mode, two instances as two JVMs on one PostgreSQL database, each with an uploads
 * folder of its own (so nothing can pass between them through files): a CSV uploaded on A is listed and read the
 * same on B (same held-out test split), trained via B, predicted with its class names on A; a delete on one
 * instance is refused while a job on the other trains on the dataset, waits for a worker there, or a model trained
 * on it has an alias there. An upload processed in the background on one instance is shown as provisioning on the
 * other, which refuses its name at once; the claim of an instance that died mid-upload does not hold the name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDatasetsIntegrationTests {

    static final List<String> NAMES = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine");
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Uploads above 8 MB are processed in the background (the 1,500-image CSV of the first test is below). */
    static final int BACKGROUND_ABOVE = 8 << 20;

    TestDatabase database;
    Path folder;
    ClusterInstance a;
    ClusterInstance b;
    String modelId;

    @BeforeAll
    void start() {
        database = TestDatabase.create("digitnet_cluster_datasets_it");
        folder = Path.of("target", "cluster-tests", database.name()).toAbsolutePath();
        a = ClusterInstance.start("a", database, folder.resolve("a"), settings("a"));
        b = ClusterInstance.start("b", database, folder.resolve("b"), settings("b"));
        a.awaitReady(ClusterIntegrationTests.START);
        b.awaitReady(ClusterIntegrationTests.START);
    }

    private Map<String, String> settings(String instance) {
        return Map.of("digitnet.jobs.workers", "1", "jobrunr.background-job-server.poll-interval-in-seconds", "5",
                "digitnet.datasets.uploads.dir", folder.resolve(instance).resolve("uploads").toString(),
                "digitnet.datasets.uploads.background-above", BACKGROUND_ABOVE + "B");
    }

    @AfterAll
    void stop() {
        for (ClusterInstance instance : new ClusterInstance[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aCsvUploadedOnOneInstanceIsListedReadTrainedAndPredictedOnTheOther() {
        RealData digits = RealData.first("mnist", "train", 1500);
        Api.Response created = upload(a, digits.csv(), "digits.csv",
                "{\"name\":\"shared-digits\",\"classNames\":" + JSON.writeValueAsString(NAMES) + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode onA = created.body();

        JsonNode onB = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> b.api().get("/datasets/shared-digits"), r -> r.status() == 200).body();
        assertThat(onB.get("status").asString()).isEqualTo("ready");
        assertThat(onB.get("sha256")).isEqualTo(onA.get("sha256"));
        assertThat(onB.get("testCounts")).isEqualTo(onA.get("testCounts"));
        assertThat(onB.get("classNames")).isEqualTo(onA.get("classNames"));
        assertThat(b.api().get("/datasets").body().valueStream().map(d -> d.get("name").asString()))
                .contains("shared-digits");
        // the same held-out images, read on each instance from the shared store
        for (int index : new int[] {0, 17, onA.get("testSize").asInt() - 1}) {
            assertThat(b.api().get("/datasets/shared-digits/images/test/" + index).body())
                    .isEqualTo(a.api().get("/datasets/shared-digits/images/test/" + index).body());
        }
        // nothing of it in either instance's uploads folder: it lives in the database
        for (String instance : List.of("a", "b")) {
            assertThat(files(folder.resolve(instance).resolve("uploads"))).noneMatch(p -> p.contains("shared-digits"));
        }

        String job = b.api().submit("{\"dataset\":\"shared-digits\",\"hiddenSize\":64,\"activation\":\"relu\","
                + "\"weightInit\":\"he\",\"learningRate\":0.1,\"batchSize\":50,\"epochs\":5,\"seed\":3}");
        JsonNode done = a.api().awaitStatus(job, Duration.ofMinutes(4), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        modelId = done.get("modelId").asString();
        JsonNode model = a.api().get("/models/" + modelId).body();
        assertThat(model.get("dataset").asString()).isEqualTo("shared-digits");
        assertThat(model.get("classNames").get(7).asString()).isEqualTo("seven");
        assertThat(model.get("metrics").get("testAccuracy").asDouble()).isGreaterThan(0.75);

        JsonNode image = a.api().get("/datasets/shared-digits/images/test/0").body();
        JsonNode answer = a.api().post("/predict", "{\"dataset\":\"shared-digits\",\"pixels\":"
                + image.get("pixels") + "}").body();
        assertThat(answer.get("model").asString()).isEqualTo(modelId);
        assertThat(answer.get("dataset").asString()).isEqualTo("shared-digits");
        assertThat(answer.get("className").asString()).isEqualTo(NAMES.get(answer.get("label").asInt()));
    }

    @Test
    @Order(2)
    void deletingOnOneInstanceIsRefusedWhileTheOtherTrainsOnTheDatasetOrAliasesItsModel() {
        RealData digits = RealData.first("mnist", "train", 600);
        assertThat(upload(a, digits.csv(), "doomed.csv", "{\"name\":\"doomed\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.api().get("/datasets/doomed").status() == 200);
        String job = b.api().submit("{\"dataset\":\"doomed\",\"hiddenSize\":16,\"batchSize\":10,"
                + "\"iterations\":500000,\"seed\":1}");
        b.api().awaitStatus(job, Duration.ofSeconds(90), "QUEUED", "RUNNING");

        for (ClusterInstance instance : List.of(a, b)) {
            Api.Response refused = instance.api().delete("/datasets/doomed");
            assertThat(refused.status()).as(instance.name() + ": " + refused.text()).isEqualTo(409);
            assertThat(refused.header("Content-Type")).contains("application/problem+json");
            assertThat(refused.body().get("detail").asString()).contains(job);
        }
        assertThat(a.api().delete("/jobs/" + job).status()).isIn(200, 202);
        a.api().awaitStatus(job, Duration.ofSeconds(90), "CANCELLED");
        Api.Response deleted = a.api().delete("/datasets/doomed");
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.api().get("/datasets/doomed").status() == 404);
        assertThat(database.queryValue("select count(*) from dataset_chunks where dataset = 'doomed'"))
                .isEqualTo(0L);

        assertThat(modelId).as("the model of the first test").isNotNull();
        assertThat(b.api().put("/models/" + modelId + "/aliases/digits-prod").status()).isEqualTo(200);
        // aliases reach the other instance by notification, well under a second
        await().atMost(Duration.ofSeconds(30)).until(() -> a.api().get("/models/" + modelId).text()
                .contains("digits-prod"));
        Api.Response aliased = a.api().delete("/datasets/shared-digits");
        assertThat(aliased.status()).as(aliased.text()).isEqualTo(409);
        assertThat(aliased.body().get("detail").asString()).contains(modelId).contains("digits-prod");
        assertThat(b.api().delete("/models/" + modelId + "/aliases/digits-prod").status()).isEqualTo(204);
        assertThat(a.api().delete("/datasets/shared-digits").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.api().get("/datasets/shared-digits").status() == 404);
    }

    @Test
    @Order(3)
    void anUploadBeingProcessedOnOneInstanceIsShownOnTheOtherWhichRefusesItsName() {
        byte[] big = RealData.first("mnist", "train", 6000).csv();
        assertThat(big.length).as("processed in the background").isGreaterThan(BACKGROUND_ABOVE);
        Api.Response accepted = upload(a, big, "big.csv", "{\"name\":\"big-digits\"}");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.body().get("status").asString()).isEqualTo("provisioning");

        // the name was claimed in the shared database before A answered: B knows it at once
        JsonNode onB = b.api().get("/datasets/big-digits").body();
        assertThat(onB.get("status").asString()).isEqualTo("provisioning");
        assertThat(onB.get("source").get("file").asString()).isEqualTo("big.csv");
        assertThat(b.api().get("/datasets").body().valueStream()
                .filter(d -> d.get("name").asString().equals("big-digits"))
                .map(d -> d.get("status").asString())).containsExactly("provisioning");
        // the same name on B is refused at once, with the problem of a duplicate name in file mode
        Api.Response duplicate = upload(b, RealData.first("mnist", "train", 60).csv(), "small.csv",
                "{\"name\":\"big-digits\"}");
        assertThat(duplicate.status()).as(duplicate.text()).isEqualTo(400);
        assertThat(duplicate.header("Content-Type")).contains("application/problem+json");
        assertThat(duplicate.body().get("detail").asString()).contains("already exists");
        assertThat(duplicate.body().get("errors").get(0).get("field").asString()).isEqualTo("name");
        Api.Response refusedDelete = b.api().delete("/datasets/big-digits");
        assertThat(refusedDelete.status()).as(refusedDelete.text()).isEqualTo(409);

        for (ClusterInstance instance : List.of(a, b)) {
            JsonNode ready = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> instance.api().get("/datasets/big-digits").body(),
                            d -> !d.get("status").asString().equals("provisioning"));
            assertThat(ready.get("status").asString()).as(ready.toString()).isEqualTo("ready");
            assertThat(ready.get("trainSize").asInt() + ready.get("testSize").asInt()).isEqualTo(6000);
        }
        assertThat(b.api().delete("/datasets/big-digits").status()).isEqualTo(204);
    }

    @Test
    @Order(4)
    void theNameClaimedByAnInstanceThatDiedMidUploadIsReportedFailedAndCanBeUploadedAgain() {
        // as an instance killed while processing leaves it: a provisioning row whose heartbeat stopped an hour ago
        database.execute("insert into datasets (name, created_at, record, status, owner, claim, heartbeat_at) "
                + "values ('orphaned', now(), '{\"kind\":\"uploaded\",\"file\":\"lost.csv\"}', "
                + "'provisioning', 'gone:1234', 'c1', now() - interval '1 hour')");
        for (ClusterInstance instance : List.of(a, b)) {
            JsonNode orphaned = instance.api().get("/datasets/orphaned").body();
            assertThat(orphaned.get("status").asString()).isEqualTo("failed");
            assertThat(orphaned.get("reason").asString()).contains("gone:1234").contains("no heartbeat");
        }
        Api.Response again = upload(b, RealData.first("mnist", "train", 600).csv(), "found.csv",
                "{\"name\":\"orphaned\"}");
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        JsonNode onA = await().atMost(Duration.ofSeconds(30)).until(() -> a.api().get("/datasets/orphaned").body(),
                d -> d.get("status").asString().equals("ready"));
        assertThat(onA.get("source").get("file").asString()).isEqualTo("found.csv");
        assertThat(a.api().delete("/datasets/orphaned").status()).isEqualTo(204);
    }

    @Test
    @Order(5)
    void aJobWaitingForAWorkerOnTheOtherInstanceBlocksTheDelete() {
        RealData digits = RealData.first("mnist", "train", 600);
        assertThat(upload(a, digits.csv(), "busy.csv", "{\"name\":\"busy\"}").status()).isEqualTo(201);
        assertThat(upload(a, digits.csv(), "waiting.csv", "{\"name\":\"waiting\"}").status()).isEqualTo(201);
        // one worker per instance: two long jobs take both
        List<String> busy = List.of(a, b).stream().map(instance -> instance.api().submit("{\"dataset\":\"busy\","
                + "\"hiddenSize\":16,\"batchSize\":10,\"iterations\":500000,\"seed\":1}")).toList();
        for (String job : busy) {
            a.api().awaitStatus(job, Duration.ofSeconds(90), "RUNNING");
        }
        String waiting = b.api().submit("{\"dataset\":\"waiting\",\"hiddenSize\":16,\"batchSize\":10,"
                + "\"iterations\":500000,\"seed\":2}");
        try {
            assertThat(a.api().get("/jobs/" + waiting).body().get("status").asString()).isEqualTo("QUEUED");
            Api.Response refused = a.api().delete("/datasets/waiting");
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.header("Content-Type")).contains("application/problem+json");
            assertThat(refused.body().get("detail").asString()).contains(waiting);
            assertThat(a.api().get("/jobs/" + waiting).body().get("status").asString())
                    .as("still waiting when refused").isEqualTo("QUEUED");
        } finally {
            for (String job : List.of(waiting, busy.get(0), busy.get(1))) {
                a.api().delete("/jobs/" + job);
            }
        }
        a.api().awaitStatus(waiting, Duration.ofSeconds(90), "CANCELLED");
        Api.Response deleted = a.api().delete("/datasets/waiting");
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    }

    private static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST /datasets, multipart: the part {@code file} and the JSON part {@code metadata}. */
    private static Api.Response upload(ClusterInstance instance, byte[] file, String fileName, String metadata) {
        String boundary = "----digitnet" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.api().base() + "/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = response.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? JSON.readTree(text) : null;
            return new Api.Response(response.statusCode(), response.headers(), json, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
