package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Actuator over HTTP, as configured in application.yml: health (with its liveness and readiness groups), info
 * (build and git), metrics, prometheus and training, and nothing else; request timers with histogram buckets for
 * /predict and V2 infer.
 */
class ActuatorExposureIntegrationTests extends ServiceTestContext {

    @Autowired
    ModelStore store;

    @Test
    void onlyTheOperationalEndpointsAreExposed() {
        JsonNode links = http.get("/actuator").json().get("_links");
        List<String> names = new ArrayList<>(links.propertyNames());
        assertThat(names).containsExactlyInAnyOrder("self", "health", "health-path", "info", "metrics",
                "metrics-requiredMetricName", "prometheus", "training");

        for (String hidden : List.of("env", "env/java.home", "heapdump", "beans", "threaddump", "loggers",
                "loggers/io.digitnet", "configprops", "mappings", "conditions", "scheduledtasks", "caches",
                "sbom", "startup", "httpexchanges", "logfile", "shutdown")) {
            Http.Response response = http.get("/actuator/" + hidden);
            assertThat(response.status()).as("/actuator/" + hidden).isEqualTo(404);
        }
        assertThat(http.postJson("/actuator/shutdown", "{}").status()).isIn(404, 405);
        assertThat(http.postJson("/actuator/loggers/io.digitnet", "{\"configuredLevel\":\"TRACE\"}").status())
                .isIn(404, 405);
    }

    @Test
    void healthHasLivenessAndReadinessGroupsWithTheStoresInReadiness() {
        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").propertyNames()).contains("modelStore", "trainingQueue",
                "livenessState", "readinessState");

        Http.Response liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");

        Http.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "modelStore", "trainingQueue", "diskSpace",
                        "dataDirectory");
    }

    @Test
    void infoShowsTheBuildAndTheGitCommit() {
        JsonNode info = http.get("/actuator/info").json();
        assertThat(info.get("build").get("artifact").asString()).isEqualTo("digitnet");
        assertThat(info.get("build").get("version").asString()).isNotBlank();
        assertThat(info.get("git").get("commit").get("id").asString()).matches("[0-9a-f]{7,40}");
        assertThat(info.get("git").get("branch").asString()).isNotBlank();
    }

    @Test
    void predictAndV2InferHaveLatencyHistogramsInPrometheus() {
        store.save(new ModelDraft("metrics", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 20, 10, WeightInit.HE, 21, DataType.FLOAT));
        String image = "[" + "0,".repeat(783) + "1]";
        assertThat(http.postJson("/predict", "{\"pixels\":" + image + "}").status()).isEqualTo(200);
        assertThat(http.postJson("/v2/models/latest/infer", "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],"
                + "\"datatype\":\"FP32\",\"data\":" + image + "}]}").status()).isEqualTo(200);

        Http.Response prometheus = http.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        List<String> lines = prometheus.body().lines().toList();
        for (String uri : List.of("/predict", "/v2/models/{name}/infer")) {
            List<String> buckets = lines.stream().filter(line -> line.startsWith("http_server_requests_seconds_bucket{")
                    && line.contains("uri=\"" + uri + "\"") && line.contains("status=\"200\"")).toList();
            assertThat(buckets).as(uri + ": histogram buckets for percentiles").hasSizeGreaterThan(10)
                    .anyMatch(line -> line.contains("le=\"+Inf\"") && line.matches(".* [1-9][0-9]*(\\.0)?"));
            assertThat(lines).as(uri).anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"" + uri + "\"") && line.contains("status=\"200\""));
        }
        assertThat(http.get("/actuator/metrics/http.server.requests").status()).isEqualTo(200);
        assertThat(http.get("/actuator/training").status()).isEqualTo(200);
    }
}
