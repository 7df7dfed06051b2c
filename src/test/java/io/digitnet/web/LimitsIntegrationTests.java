package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every limit that protects the machine, configured small here so that each is reachable, answers with a clear
 * 4xx (or 503) problem detail: body sizes for prediction, uploads and everything else, declared or chunked (413);
 * images per prediction request (400); queued jobs (429 with Retry-After); total work and hidden size of a job (400
 * naming the field); concurrent event streams (503 with Retry-After).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "digitnet.datasets.provision-at-startup=false",
        "digitnet.limits.body-size=1KB",
        "digitnet.inference.max-request-size=8KB",
        "digitnet.limits.upload-size=16KB",
        "digitnet.inference.max-batch=2",
        "digitnet.jobs.workers=1",
        "digitnet.jobs.queue-capacity=1",
        "digitnet.jobs.max-event-streams=1",
        "digitnet.jobs.max-samples=3000000",
        "digitnet.jobs.max-hidden-size=64"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsIntegrationTests {

    /** 40 epochs of MNIST: runs for minutes unless cancelled, keeping the one worker busy. */
    private static final String BLOCKER = "{\"name\":\"blocker\",\"hiddenSize\":20,\"epochs\":40,\"seed\":3}";
    private static final Path DATA = ServiceTestContext.temporaryDirectory("digitnet-limits");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> DATA.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> DATA.resolve("jobs").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    ModelStore store;

    Http http;

    @BeforeAll
    void aModel() {
        store.save(new ModelDraft("limits", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 20, 10, WeightInit.HE, 9, DataType.FLOAT));
    }

    @BeforeEach
    void client() {
        http = new Http(port, json);
    }

    @AfterEach
    void cancelEveryJob() {
        for (var job : http.get("/jobs?status=QUEUED,RUNNING&size=100").json().get("content")) {
            http.delete("/jobs/" + job.get("id").asString());
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get("/jobs?status=QUEUED,RUNNING").json().get("totalElements").asLong() == 0);
    }

    // --- body sizes: each kind of body has its own limit ---

    @Test
    void declaredBodiesOverTheirLimitAre413BeforeTheyAreRead() {
        String predictBody = image(3); // about 2.4 KB: over the 1 KB general limit, under the 8 KB one of /predict
        assertThat(predictBody.length()).isBetween(2000, 8000);
        assertThat(http.postJson("/predict", predictBody).status()).isEqualTo(200);
        assertTooLarge(http.postJson("/jobs", padded("{\"name\":\"x\"}", 2000)), "/jobs", 1024);
        assertTooLarge(http.postJson("/predict", padded(predictBody, 9000)), "/predict", 8192);
        Http.Response v2 = http.postJson("/v2/models/latest/infer", padded(v2Body(1), 9000));
        assertV2TooLarge(v2);
        assertThat(v2.json().get("error").asString()).contains("/v2/models/latest/infer", "8192");

        Http.Multipart weights = Http.multipart("weights", "w.npz", new byte[12_000]); // under the 16 KB upload limit
        assertThat(http.post("/models", weights.contentType(), weights.body()).status()).isEqualTo(400);
        Http.Multipart large = Http.multipart("weights", "w.npz", new byte[20_000]);
        assertTooLarge(http.post("/models", large.contentType(), large.body()), "/models", 16384);
        Http.Multipart image = Http.multipart("image", "digit.png", new byte[20_000]);
        assertTooLarge(http.post("/predict/image", image.contentType(), image.body()), "/predict/image", 16384);
    }

    /** Without a Content-Length the size shows only while reading: still a 413, never a 400 or a 500. */
    @Test
    void chunkedBodiesOverTheirLimitAre413Too() {
        assertThat(http.postChunked("/predict", "application/json", bytes(image(3))).status()).isEqualTo(200);
        assertThat(http.postChunked("/jobs", "application/json", bytes("{\"hiddenSize\":-1}")).status())
                .isEqualTo(400);

        assertTooLarge(http.postChunked("/jobs", "application/json", bytes(padded("{\"name\":\"x\"}", 2000))));
        assertTooLarge(http.postChunked("/jobs", "application/json",
                bytes("{\"name\":\"" + "x".repeat(100_000) + "\"}")));
        assertTooLarge(http.postChunked("/jobs", "application/json",
                bytes("{\"name\":\"x\",\"earlyStopping\":{\"patience\":" + "1".repeat(3000) + "}}")));
        // in 100-byte chunks: the limit trips in the middle of the object, inside Jackson's data binding
        assertTooLarge(http.postInChunks("/jobs", "application/json",
                bytes("{\"name\":\"x\",\"earlyStopping\":{\"patience\":" + "1".repeat(3000) + "}}"), 100));
        assertTooLarge(http.postInChunks("/jobs", "application/json",
                bytes("{\"name\":\"" + "x".repeat(3000) + "\"}"), 100));
        assertTooLarge(http.postInChunks("/predict", "application/json", bytes(batch(12)), 100));
        Http.Response v2InChunks = http.postInChunks("/v2/models/latest/infer", "application/json",
                bytes(v2Body(12)), 100);
        assertV2TooLarge(v2InChunks);
        assertThat(v2InChunks.json().get("error").asString()).contains("8192");
        assertTooLarge(http.postChunked("/predict", "application/json", bytes(image(3) + " ".repeat(9000))));
        assertTooLarge(http.postChunked("/predict", "application/json", bytes(batch(12))));
        Http.Response v2 = http.postChunked("/v2/models/latest/infer", "application/json", bytes(v2Body(12)));
        assertV2TooLarge(v2);
        assertThat(v2.json().get("error").asString()).contains("8192");

        Http.Multipart weights = Http.multipart("weights", "w.npz", new byte[20_000]);
        assertTooLarge(http.postChunked("/models", weights.contentType(), weights.body()));
        Http.Multipart image = Http.multipart("image", "digit.png", new byte[20_000]);
        assertTooLarge(http.postChunked("/predict/image", image.contentType(), image.body()));
    }

    // --- images per prediction request ---

    @Test
    void moreImagesThanTheMaximumBatchAre400() {
        assertThat(http.postJson("/predict", batch(2)).status()).isEqualTo(200);
        Http.Response refused = http.postJson("/predict", batch(3));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("instances has 3 images", "at most 2",
                "digitnet.inference.max-batch");

        assertThat(http.postJson("/v2/models/latest/infer", v2Body(2)).status()).isEqualTo(200);
        Http.Response v2 = http.postJson("/v2/models/latest/infer", v2Body(3));
        assertThat(v2.status()).isEqualTo(400);
        assertThat(v2.json().get("error").asString()).contains("2");
    }

    // --- training jobs: queue, work per job, hidden size ---

    @Test
    void aFullQueueIs429WithRetryAfter() {
        String running = submitAndAwaitRunning();
        assertThat(http.postJson("/jobs", BLOCKER).status()).as("the one queue place").isEqualTo(202);

        Http.Response refused = http.postJson("/jobs", BLOCKER);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("urn:digitnet:problem:job-queue-full");
        assertThat(refused.json().get("detail").asString()).contains("queue is full");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(http.get("/jobs/" + running).json().get("status").asString()).isEqualTo("RUNNING");
    }

    @Test
    void tooMuchWorkOrTooLargeANetworkIs400NamingTheField() {
        Http.Response work = http.postJson("/jobs", "{\"hiddenSize\":20,\"epochs\":60}");
        assertThat(work.status()).isEqualTo(400);
        assertThat(work.json().get("errors").get(0).get("field").asString()).isEqualTo("epochs");
        assertThat(work.json().get("errors").get(0).get("message").asString()).contains("digitnet.jobs.max-samples");

        Http.Response hidden = http.postJson("/jobs", "{\"hiddenSize\":65,\"epochs\":1}");
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.json().get("errors").get(0).get("field").asString()).isEqualTo("hiddenSize");
    }

    // --- server-sent event streams ---

    @Test
    void eventStreamsOverTheCapAre503WithRetryAfter() throws Exception {
        String job = submitAndAwaitRunning();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> open = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/jobs/" + job + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream stream = open.body()) {
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(new String(stream.readNBytes(12), StandardCharsets.UTF_8)).startsWith("id:");

            Http.Response refused = http.get("/jobs/" + job + "/events");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.problemType()).isEqualTo("urn:digitnet:problem:event-stream-limit");
            assertThat(refused.json().get("detail").asString()).contains("limit is 1");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private String submitAndAwaitRunning() {
        Http.Response submitted = http.postJson("/jobs", BLOCKER);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.get("/jobs/" + id).json().get("status").asString().equals("RUNNING"));
        return id;
    }

    private void assertTooLarge(Http.Response response, String path, long limit) {
        assertTooLarge(response);
        assertThat(response.json().get("detail").asString()).contains(path, "limit", Long.toString(limit));
    }

    /** Under /v2 errors are the protocol's own, application/json {"error": ...}. */
    private static void assertV2TooLarge(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().propertyNames()).containsExactly("error");
    }

    private static void assertTooLarge(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/");
        assertThat(response.json().get("status").asInt()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:digitnet:problem:body-too-large");
    }

    /** {"pixels":[...784...]} with values of {@code digits} characters, e.g. 0.5 */
    private static String image(int digits) {
        String value = digits == 1 ? "0" : "0." + "5".repeat(digits - 2);
        return "{\"pixels\":[" + (value + ",").repeat(783) + value + "]}";
    }

    private static String batch(int images) {
        String image = "[" + "0,".repeat(783) + "1]";
        return "{\"instances\":[" + (image + ",").repeat(images - 1) + image + "]}";
    }

    private static String v2Body(int images) {
        return "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[" + images + ",784],\"datatype\":\"FP32\",\"data\":["
                + "0,".repeat(784 * images - 1) + "1]}]}";
    }

    /** The JSON followed by spaces up to {@code length} characters: still valid, just large. */
    private static String padded(String jsonBody, int length) {
        return jsonBody + " ".repeat(Math.max(0, length - jsonBody.length()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
