package io.digitnet.inference.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.TestFolders;
import io.digitnet.inference.MnistTestImages;
import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What guards {@code ModelInfer}, through the Python grpcio client, on a server with an API key that protects
 * predictions and small limits: the key (UNAUTHENTICATED without it or with a wrong one, OK as {@code authorization:
 * Bearer} and as {@code x-api-key}; metadata stays open), UNAVAILABLE while the server is not ready, the same size
 * limits as REST (an oversized batch: INVALID_ARGUMENT where REST answers 400; an oversized message:
 * RESOURCE_EXHAUSTED where REST answers 413), and the Prometheus series of each status moving with the calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "digitnet.datasets.provision-at-startup=false",
        "digitnet.security.api-key=" + GrpcGuardsIntegrationTests.KEY,
        "digitnet.security.protect-predict=true",
        "digitnet.inference.max-batch=" + GrpcGuardsIntegrationTests.MAX_BATCH,
        "digitnet.inference.max-request-size=" + GrpcGuardsIntegrationTests.MAX_REQUEST_SIZE})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcGuardsIntegrationTests {

    static final String KEY = "dn-grpc-key-4b81f0c2d7";
    static final int MAX_BATCH = 4;
    static final String MAX_REQUEST_SIZE = "64KB";
    private static final Pattern SERIES = Pattern.compile(
            "^grpc_server_processing_duration_seconds_count\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) throws IOException {
        Path data = TestFolders.create("digitnet-grpc-guards");
        registry.add("digitnet.models.dir", () -> data.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> data.resolve("jobs").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    GrpcInferenceServer server;
    @Autowired
    ModelStore store;
    @Autowired
    ApplicationContext context;
    @Autowired
    JsonMapper json;

    PythonGrpc python;
    String modelId;
    Path imagesFile;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void setUp() throws IOException {
        modelId = store.save(new ModelDraft("guarded", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 32, 10, WeightInit.HE, 5, DataType.FLOAT)).id();
        Path dir = Files.createDirectories(Path.of("target", "grpc-python-tests"));
        python = PythonGrpc.generateStubs(Files.createTempDirectory(dir, "stubs"));
        ByteBuffer raw = ByteBuffer.allocate(784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] image : MnistTestImages.unit(1)) {
            for (float v : image) {
                raw.putFloat(v);
            }
        }
        imagesFile = Files.write(Files.createTempFile(dir, "images", ".f32"), raw.array());
    }

    private JsonNode client(String mode) {
        return json.readTree(python.client(Integer.toString(server.port()), modelId, modelId, modelId,
                imagesFile.toString(), "1", mode));
    }

    /** The count of ModelInfer calls that ended with {@code statusCode}, from /actuator/prometheus. */
    private double calls(String statusCode) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        double count = 0;
        Matcher series = SERIES.matcher(body);
        while (series.find()) {
            String labels = series.group(1);
            if (labels.contains("method=\"ModelInfer\"") && labels.contains("statusCode=\"" + statusCode + "\"")) {
                count += Double.parseDouble(series.group(2));
            }
        }
        return count;
    }

    /** Metrics are recorded as a call closes, which may be a moment after the client has its answer. */
    private void awaitCalls(String statusCode, double expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(calls(statusCode)).as(statusCode).isEqualTo(expected));
    }

    private HttpResponse<String> restInfer(int images, String... headers) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < images * 784; i++) {
            data.append(i == 0 ? "" : ",").append("0.5019608");
        }
        String body = "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[" + images + ",784],\"datatype\":\"FP32\","
                + "\"data\":[" + data + "]}]}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/models/"
                + modelId + "/infer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void modelInferNeedsTheKeyAsBearerOrXApiKey() throws Exception {
        double refused = calls("UNAUTHENTICATED");
        double ok = calls("OK");

        JsonNode out = client("key:" + KEY);

        assertThat(out.get("no_key").get("code").stringValue()).isEqualTo("UNAUTHENTICATED");
        assertThat(out.get("no_key").get("message").stringValue()).contains("authorization: Bearer", "x-api-key");
        assertThat(out.get("wrong_key").get("code").stringValue()).isEqualTo("UNAUTHENTICATED");
        assertThat(out.get("wrong_key").get("message").stringValue()).contains("not valid").doesNotContain(KEY);
        assertThat(out.get("bearer").get("model_version").stringValue()).isEqualTo(modelId);
        assertThat(out.get("bearer").get("outputs").get(0).get("data").size()).isEqualTo(10);
        assertThat(out.get("x_api_key").get("model_version").stringValue()).isEqualTo(modelId);
        assertThat(out.get("metadata_without_key").stringValue()).isEqualTo(modelId);
        // REST asks for the same key on the same prediction
        assertThat(restInfer(1).statusCode()).isEqualTo(401);
        assertThat(restInfer(1, "X-API-Key", KEY).statusCode()).isEqualTo(200);

        awaitCalls("UNAUTHENTICATED", refused + 2);
        awaitCalls("OK", ok + 2);
    }

    @Test
    void sizeLimitsAreRestsWithTheirStatusCodes() throws Exception {
        double invalid = calls("INVALID_ARGUMENT");

        JsonNode out = client("limits:" + MAX_BATCH + ":" + KEY);

        assertThat(out.get("batch_at_limit").get("outputs").get(0).get("shape").toString())
                .isEqualTo("[" + MAX_BATCH + ",10]");
        for (String form : new String[] {"batch_too_large_typed", "batch_too_large_raw"}) {
            assertThat(out.get(form).get("code").stringValue()).as(form).isEqualTo("INVALID_ARGUMENT");
            assertThat(out.get(form).get("message").stringValue()).as(form)
                    .contains("at most " + MAX_BATCH + " are allowed");
        }
        for (String form : new String[] {"message_too_large_raw", "message_too_large_typed"}) {
            assertThat(out.get(form).get("code").stringValue()).as(form).isEqualTo("RESOURCE_EXHAUSTED");
        }
        // REST, same limits: too many images is a 400 with the same message, too many bytes a 413
        HttpResponse<String> batch = restInfer(MAX_BATCH + 1, "X-API-Key", KEY);
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.body()).contains("at most " + MAX_BATCH + " are allowed");
        assertThat(restInfer(16, "X-API-Key", KEY).statusCode()).isEqualTo(413);

        awaitCalls("INVALID_ARGUMENT", invalid + 2);
    }

    @Test
    void notReadyIsUnavailable() throws Exception {
        double unavailable = calls("UNAVAILABLE");
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        JsonNode out;
        try {
            out = client("not-ready:" + KEY);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(out.get("live").booleanValue()).isTrue();
        assertThat(out.get("ready").booleanValue()).isFalse();
        assertThat(out.get("infer").get("code").stringValue()).isEqualTo("UNAVAILABLE");
        assertThat(out.get("infer").get("message").stringValue()).contains("not ready");
        assertThat(out.get("infer_raw").get("code").stringValue()).isEqualTo("UNAVAILABLE");
        awaitCalls("UNAVAILABLE", unavailable + 2);
        // ready again: served
        assertThat(client("key:" + KEY).get("bearer").get("model_version").stringValue()).isEqualTo(modelId);
    }
}
