package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Bad runs are not served by default (issue 9, item 7): a run no better than chance succeeds with warnings, in the
 * job and the model, and never becomes {@code latest}. (A loss that stops being a number fails the run: see
 * {@code TrainerDivergenceTests}; the real datasets' bounded pixels could not be made to overflow through the API.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadRunsIntegrationTests {

    private static final Duration TRAINING = Duration.ofSeconds(120);
    /** A learning rate so small that one iteration leaves the random initial weights: about 1 in 10 right. */
    private static final String CHANCE = "{\"name\":\"chance\",\"hiddenSize\":10,\"activation\":\"sigmoid\","
            + "\"weightInit\":\"std\",\"learningRate\":0.000001,\"iterations\":1,\"seed\":1}";
    private static final String GOOD = "{\"name\":\"good\",\"hiddenSize\":20,\"activation\":\"relu\","
            + "\"weightInit\":\"he\",\"learningRate\":0.1,\"iterations\":300,\"seed\":1}";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("digitnet.jobs.dir", () -> dataDir.resolve("jobs").toString());
        registry.add("digitnet.models.dir", () -> dataDir.resolve("models").toString());
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /**
     * The issue's example: a learning rate of 10 kills every ReLU unit, the loss stays finite and the net answers
     * the same class for every image. It used to succeed and become the default model.
     */
    @Test
    void theIssuesRunAtLearningRate10IsNotServedByDefault() {
        // seeded: unseeded, a draw now and then trains to better than chance at this rate, and the test then
        // checks nothing the issue describes (it failed once that way on a full run)
        String id = api.submit(
                "{\"activation\":\"relu\",\"weightInit\":\"he\",\"learningRate\":10,\"epochs\":1,\"seed\":1}");
        JsonNode job = api.awaitStatus(id, TRAINING, "SUCCEEDED", "FAILED");

        if (job.get("status").asString().equals("FAILED")) {
            assertThat(job.get("error").asString()).matches("diverged at epoch 1, iteration \\d+ .*")
                    .contains("try a smaller learningRate");
            assertThat(job.get("modelId").isNull()).isTrue();
        } else {
            assertThat(job.get("warnings").get(0).asString()).contains("no better than chance");
            JsonNode model = api.get("/models/" + job.get("modelId").asString()).body();
            assertThat(model.get("warnings")).hasSize(1);
            assertThat(model.get("aliases").valueStream().map(JsonNode::asString)).doesNotContain("latest");
        }
    }

    @Test
    void aRunNoBetterThanChanceCarriesWarningsAndIsNeverTheDefaultModel() {
        String goodJob = api.submit(GOOD);
        String good = api.awaitStatus(goodJob, TRAINING, "SUCCEEDED", "FAILED").get("modelId").asString();
        assertThat(api.job(goodJob).get("warnings")).isEmpty();

        String chanceJob = api.submit(CHANCE);
        JsonNode job = api.awaitStatus(chanceJob, TRAINING, "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("warnings")).hasSize(1);
        assertThat(job.get("warnings").get(0).asString()).contains("no better than chance");
        String chance = job.get("modelId").asString();

        JsonNode model = api.get("/models/" + chance).body();
        assertThat(model.get("metrics").get("testAccuracy").asDouble()).isLessThanOrEqualTo(0.15);
        assertThat(model.get("warnings").get(0).asString()).contains("no better than chance");
        assertThat(model.get("aliases").valueStream().map(JsonNode::asString)).doesNotContain("latest");

        // Newer, but not the default: the request that names no model gets the good one.
        String pixels = Arrays.toString(new float[784]);
        Api.Response byDefault = api.post("/predict", "{\"pixels\":" + pixels + "}");
        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(byDefault.text()).contains(good).doesNotContain(chance);
        // Still usable by its id.
        Api.Response byId = api.post("/predict", "{\"model\":\"" + chance + "\",\"pixels\":" + pixels + "}");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.text()).contains(chance);
    }
}
