package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys over real HTTP: with a key, every mutating request on jobs and models needs it (401 problem detail
 * without it or with a wrong one; 2xx with {@code Authorization: Bearer} or {@code X-API-Key}) and reads stay open;
 * predictions need it only with {@code protect-predict}; without a key the service warns at start-up. The key never
 * appears in the log.
 */
class ApiKeyIntegrationTests {

    static final String KEY = "dn-test-key-7f3a9c1e5b";
    static final String WRONG_KEY = "dn-wrong-key-02d8e4aa61";
    static final String JOB = "{\"name\":\"auth\",\"hiddenSize\":20,\"epochs\":50,\"seed\":1}";

    /** One server and its client per configuration; each has stores of its own. */
    abstract static class Server {

        @LocalServerPort
        int port;
        @Autowired
        JsonMapper json;
        @Autowired
        ModelStore store;

        Http http;
        String modelId;

        @BeforeEach
        void client() {
            http = new Http(port, json);
            modelId = store.save(new ModelDraft("auth", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                    Parameters.initialize(784, 20, 10, WeightInit.HE, 3, DataType.FLOAT)).id();
        }

        static void stores(DynamicPropertyRegistry registry, String name) {
            Path data = ServiceTestContext.temporaryDirectory("digitnet-api-key-" + name);
            registry.add("digitnet.models.dir", () -> data.resolve("models").toString());
            registry.add("digitnet.jobs.dir", () -> data.resolve("jobs").toString());
        }

        /** A valid weights.npz, downloaded from the service (a read, which needs no key). */
        byte[] npz() {
            return http.getBytes("/models/" + modelId + "/weights");
        }

        String onePixelImage() {
            return "{\"pixels\":[" + "0,".repeat(783) + "1]}";
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "digitnet.datasets.provision-at-startup=false", "digitnet.security.api-key=" + KEY})
    @ExtendWith(OutputCaptureExtension.class)
    class WithAKey extends Server {

        @DynamicPropertySource
        static void directories(DynamicPropertyRegistry registry) {
            stores(registry, "set");
        }

        @Test
        void everyMutatingRequestOnJobsAndModelsWithoutTheKeyIsA401ProblemDetail() {
            Http.Multipart upload = Http.multipart("weights", "w.npz", new byte[] {1, 2, 3});
            List<Function<String[], Http.Response>> requests = List.of(
                    h -> http.postJson("/jobs", JOB, h),
                    h -> http.delete("/jobs/00000000-0000-0000-0000-000000000000", h),
                    h -> http.post("/models", upload.contentType(), upload.body(), h),
                    h -> http.delete("/models/" + modelId, h),
                    h -> http.put("/models/" + modelId + "/aliases/production", h),
                    h -> http.delete("/models/" + modelId + "/aliases/production", h));
            long jobs = http.get("/jobs").json().get("totalElements").asLong();

            for (Function<String[], Http.Response> request : requests) {
                Http.Response none = request.apply(new String[0]);
                assertUnauthorized(none, "API key required");
                assertUnauthorized(request.apply(new String[] {"Authorization", "Bearer " + WRONG_KEY}),
                        "Invalid API key");
                assertUnauthorized(request.apply(new String[] {"X-API-Key", WRONG_KEY}), "Invalid API key");
                assertUnauthorized(request.apply(new String[] {"Authorization", "Basic " + KEY}), "API key required");
            }
            // nothing happened
            assertThat(http.get("/jobs").json().get("totalElements").asLong()).isEqualTo(jobs);
            assertThat(http.get("/models/" + modelId).status()).isEqualTo(200);
            assertThat(http.get("/models/production").status()).isEqualTo(404);
        }

        /** Spellings of a protected path that the router may still map to it: none gets past without the key. */
        @Test
        void noSpellingOfTheUrlGetsAroundTheKey() {
            long jobs = http.get("/jobs").json().get("totalElements").asLong();
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (String path : List.of("/jobs", "/jobs/", "//jobs", "/./jobs", "/%6Aobs", "/jobs;a=b", "/;a=b/jobs",
                    "/predict/../jobs", "/predict/%2E%2E/jobs", "/JOBS", "/jobs?x=/predict")) {
                String response = http.raw("POST", path, "application/json", body);
                int status = Integer.parseInt(response.substring(9, 12));
                assertThat(status).as("POST " + path + " → " + response.lines().findFirst().orElse(""))
                        .isGreaterThanOrEqualTo(400);
            }
            for (String path : List.of("/models/" + modelId, "/models/" + modelId + ";x=y", "//models/" + modelId,
                    "/models/./" + modelId)) {
                String response = http.raw("DELETE", path, null, null);
                assertThat(Integer.parseInt(response.substring(9, 12))).as("DELETE " + path)
                        .isGreaterThanOrEqualTo(400);
            }
            assertThat(http.get("/jobs").json().get("totalElements").asLong()).isEqualTo(jobs);
            assertThat(http.get("/models/" + modelId).status()).isEqualTo(200);
        }

        @Test
        void withTheKeyAsBearerTokenOrXApiKeyHeaderTheyAreServed() {
            Http.Response submitted = http.postJson("/jobs", JOB, "Authorization", "Bearer " + KEY);
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
            String jobId = submitted.json().get("id").asString();
            Http.Response cancelled = http.delete("/jobs/" + jobId, "X-API-Key", KEY);
            assertThat(cancelled.status()).as(cancelled.body()).isIn(200, 202);

            Http.Multipart upload = Http.multipart("weights", "w.npz", npz());
            Http.Response imported = http.post("/models", upload.contentType(), upload.body(), "X-API-Key", KEY);
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            String importedId = imported.json().get("id").asString();
            assertThat(http.put("/models/" + importedId + "/aliases/production", "authorization", "bearer " + KEY)
                    .status()).isEqualTo(200);
            assertThat(http.delete("/models/" + importedId + "/aliases/production", "X-API-Key", KEY).status())
                    .isEqualTo(204);
            assertThat(http.delete("/models/" + importedId, "Authorization", "Bearer " + KEY).status())
                    .isEqualTo(204);
        }

        @Test
        void readsAndPredictionsStayOpen() {
            String jobId = http.postJson("/jobs", "{\"hiddenSize\":20,\"iterations\":5}", "X-API-Key", KEY)
                    .json().get("id").asString();
            for (String path : List.of("/jobs", "/jobs/" + jobId, "/models", "/models/" + modelId,
                    "/models/" + modelId + "/weights", "/v2/models/latest", "/v2/health/ready", "/actuator/health",
                    "/v3/api-docs")) {
                assertThat(http.get(path).status()).as(path).isEqualTo(200);
            }
            assertThat(http.postJson("/predict", onePixelImage()).status()).isEqualTo(200);
            assertThat(http.postJson("/v2/models/latest/infer", "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],"
                    + "\"datatype\":\"FP32\",\"data\":[" + "0,".repeat(783) + "1]}]}").status()).isEqualTo(200);
        }

        @Test
        void theKeyNeverAppearsInTheLog(CapturedOutput output) {
            http.postJson("/jobs", "{\"hiddenSize\":-1}", "Authorization", "Bearer " + KEY); // a logged 400
            http.postJson("/jobs", JOB, "Authorization", "Bearer " + WRONG_KEY); // a logged 401
            http.get("/test/does-not-exist", "X-API-Key", KEY); // a logged 404

            assertThat(output.getAll()).contains("request failed method=POST path=/jobs status=400",
                    "request failed method=POST path=/jobs status=401");
            assertThat(output.getAll()).doesNotContain(KEY).doesNotContain(WRONG_KEY);
        }

        private void assertUnauthorized(Http.Response response, String title) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.problemType()).isEqualTo("urn:digitnet:problem:unauthorized");
            assertThat(response.json().get("title").asString()).isEqualTo(title);
            assertThat(response.json().get("status").asInt()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"digitnet\"");
            assertThat(response.body()).doesNotContain(KEY);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "digitnet.datasets.provision-at-startup=false", "digitnet.security.api-key=" + KEY,
            "digitnet.security.protect-predict=true"})
    class WithAKeyThatAlsoProtectsPredictions extends Server {

        @DynamicPropertySource
        static void directories(DynamicPropertyRegistry registry) {
            stores(registry, "predict");
        }

        @Test
        void predictionsNeedTheKey() {
            String v2 = "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":["
                    + "0,".repeat(783) + "1]}]}";
            Http.Multipart image = Http.multipart("image", "digit.png", new byte[] {1, 2, 3});

            assertThat(http.postJson("/predict", onePixelImage()).status()).isEqualTo(401);
            assertThat(http.postJson("/predict", onePixelImage(), "X-API-Key", WRONG_KEY).status()).isEqualTo(401);
            assertThat(http.post("/predict/image", image.contentType(), image.body()).status()).isEqualTo(401);
            Http.Response v2Refused = http.postJson("/v2/models/latest/infer", v2);
            assertThat(v2Refused.status()).isEqualTo(401);
            assertThat(v2Refused.json().get("error").asString()).as("the V2 protocol's error member").isNotBlank();

            assertThat(http.postJson("/predict", onePixelImage(), "Authorization", "Bearer " + KEY).status())
                    .isEqualTo(200);
            assertThat(http.postJson("/v2/models/latest/infer", v2, "X-API-Key", KEY).status()).isEqualTo(200);
            // reading model metadata is still open
            assertThat(http.get("/v2/models/latest").status()).isEqualTo(200);
            assertThat(http.get("/models").status()).isEqualTo(200);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "digitnet.datasets.provision-at-startup=false", "digitnet.security.api-key="})
    @ExtendWith(OutputCaptureExtension.class)
    class WithoutAKey extends Server {

        @DynamicPropertySource
        static void directories(DynamicPropertyRegistry registry) {
            stores(registry, "none");
        }

        @Test
        void theServiceWarnsAtStartUpAndServesMutatingRequests(CapturedOutput output) {
            assertThat(output.getAll()).contains("WARN").contains("No API key configured "
                    + "(digitnet.security.api-key / DIGITNET_API_KEY)");

            assertThat(http.put("/models/" + modelId + "/aliases/staging").status()).isEqualTo(200);
            assertThat(http.delete("/models/" + modelId + "/aliases/staging").status()).isEqualTo(204);
            assertThat(http.delete("/jobs/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        }
    }
}
