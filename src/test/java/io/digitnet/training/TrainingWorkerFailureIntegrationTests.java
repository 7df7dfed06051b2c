package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A worker thread that dies (issue 9, item 3): the job it ran ends FAILED with the reason and the worker is
 * replaced; when no replacement can be made, liveness goes DOWN, submissions answer 503 and the V2 readiness agrees
 * with the readiness group. A job named "poison" throws an {@link Error} from inside the worker (a listener of its
 * start event, which runs on the worker thread).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TrainingWorkerFailureIntegrationTests.Poison.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class TrainingWorkerFailureIntegrationTests {

    private static final Duration TRAINING = Duration.ofSeconds(120);
    private static final String POISON = "{\"name\":\"poison\",\"hiddenSize\":10,\"iterations\":10}";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("digitnet.jobs.dir", () -> dataDir.resolve("jobs").toString());
        registry.add("digitnet.models.dir", () -> dataDir.resolve("models").toString());
        registry.add("digitnet.jobs.workers", () -> "1");
    }

    @TestConfiguration
    static class Poison {

        static volatile boolean refuseThreads;

        @Bean
        WorkerThreads failingWorkerThreads() {
            return (work, name) -> {
                if (refuseThreads) {
                    throw new OutOfMemoryError("unable to create native thread (simulated)");
                }
                return new Thread(work, name);
            };
        }

        @EventListener
        void on(JobStarted started) {
            if ("poison".equals(started.job().name())) {
                throw new StackOverflowError("simulated");
            }
        }
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    @Order(1)
    void anErrorInAWorkerFailsItsJobWithTheReasonAndAFreshWorkerRunsTheNextJob() {
        String poisoned = api.submit(POISON);
        JsonNode failed = api.awaitStatus(poisoned, TRAINING, "FAILED", "SUCCEEDED");
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("StackOverflowError").contains("simulated");

        String next = api.submit("{\"name\":\"after\",\"hiddenSize\":10,\"iterations\":20}");
        assertThat(api.awaitStatus(next, TRAINING, "SUCCEEDED", "FAILED").get("status").asString())
                .isEqualTo("SUCCEEDED");
        Api.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/v2/health/ready").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aWorkerThatCannotBeReplacedTakesLivenessDownAndSubmissionsAre503() {
        Poison.refuseThreads = true;
        String poisoned = api.submit(POISON);
        assertThat(api.awaitStatus(poisoned, TRAINING, "FAILED", "SUCCEEDED").get("status").asString())
                .isEqualTo("FAILED");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/actuator/health/liveness").status() == 503);
        Api.Response refused = api.post("/jobs", "{\"hiddenSize\":10,\"iterations\":20}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:digitnet:problem:training-unavailable");
        assertThat(refused.body().get("detail").asString()).contains("could not be replaced");
        assertThat(api.get("/jobs?status=QUEUED").body().get("totalElements").asInt()).isZero();

        Api.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        Api.Response v2 = api.get("/v2/health/ready");
        assertThat(v2.status()).isEqualTo(400);
        assertThat(v2.body().get("ready").asBoolean()).isFalse();
    }
}
