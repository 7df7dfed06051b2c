package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.TestFolders;
import io.digitnet.inference.MnistTestImages;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** An empty model store, and the benchmark's parse-only endpoint switched on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "digitnet.inference.benchmark-endpoint=true")
class PredictWithoutModelsIntegrationTests {

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) throws IOException {
        Path data = TestFolders.create("digitnet-no-models");
        registry.add("digitnet.models.dir", () -> data.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> data.resolve("jobs").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port, json);
    }

    private static String body() {
        return "{\"pixels\":" + Http.array(MnistTestImages.unit(1)[0]) + "}";
    }

    @Test
    void predictingBeforeAnyModelExistsSaysToTrainOrImportOne() {
        Http.Response response = http.postJson("/predict", body());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").stringValue()).contains("train one").contains("import");

        Http.Response v2 = http.get("/v2/models/latest");
        assertThat(v2.status()).isEqualTo(404);
        assertThat(v2.json().get("error").stringValue()).contains("train one");
    }

    @Test
    void theEchoEndpointParsesAndValidatesWithoutAModel() {
        Http.Response ok = http.postJson("/predict/echo", body());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("probabilities").size()).isEqualTo(10);

        Http.Response bad = http.postJson("/predict/echo", "{\"pixels\":[1,2]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").stringValue()).contains("pixels has 2 values");
    }
}
