package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

/**
 * Slow clients over real sockets, with the default request threads (server.tomcat.threads.max=4) and a body deadline
 * of 5 s: 64 connections that trickle a chunked body or declare 5,000 bytes and send a few do not slow liveness or
 * /predict past 1 s; a body that is not complete at the deadline is answered 408 (problem detail) and its connection
 * closed, also while it keeps sending bytes (the deadline is for the whole body, not per read); a body that comes
 * slowly but in time is predicted as usual.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "digitnet.datasets.provision-at-startup=false",
        "digitnet.limits.body-timeout=5s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsIntegrationTests {

    private static final Path DATA = ServiceTestContext.temporaryDirectory("digitnet-slow-clients");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> DATA.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> DATA.resolve("jobs").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    ModelStore store;

    private final List<SlowClient> slow = new ArrayList<>();
    private ScheduledExecutorService trickle;
    private ServiceProbe probe;

    @BeforeAll
    void aModel() {
        store.save(new ModelDraft("slow-clients", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 20, 10, WeightInit.HE, 5, DataType.FLOAT));
    }

    @BeforeEach
    void trickler() {
        trickle = Executors.newSingleThreadScheduledExecutor();
        probe = new ServiceProbe(port);
    }

    @AfterEach
    void closeAll() {
        trickle.shutdownNow();
        slow.forEach(SlowClient::close);
    }

    @Test
    void sixtyFourSlowConnectionsDoNotSlowLivenessOrPredict() throws Exception {
        probe.livenessAndPrediction(Duration.ofSeconds(30)); // warm: the first prediction loads the model
        for (int i = 0; i < 32; i++) {
            slow.add(SlowClient.declared(port, "/predict", 5000, "{\"pixels\":["));
            SlowClient chunked = SlowClient.chunked(port, "/predict", "{");
            slow.add(chunked);
            keepTrickling(chunked, 400);
        }
        // for 3 s, while all 64 are open (the deadline is 5 s), every check answers within 1 s
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> probe.livenessAndPrediction(ONE_SECOND));
    }

    @Test
    void aBodyThatStopsIsAnswered408AtTheDeadlineAndItsConnectionClosed() {
        SlowClient silent = SlowClient.declared(port, "/predict", 5000, "{\"pixels\":[0,");
        slow.add(silent);
        long start = System.nanoTime();

        String answer = silent.readToEnd();

        assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                .contains("urn:digitnet:problem:body-timeout").contains("digitnet.limits.body-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(4500));
    }

    @Test
    void aBodyThatKeepsTricklingIsAnswered408AtTheDeadlineToo() {
        SlowClient trickling = SlowClient.chunked(port, "/predict", "{\"pixels\":[");
        slow.add(trickling);
        keepTrickling(trickling, 300);
        long start = System.nanoTime();

        String answer = trickling.readToEnd();

        assertThat(answer).startsWith("HTTP/1.1 408").contains("urn:digitnet:problem:body-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(4500));
    }

    @Test
    void aBodyThatComesSlowlyButInTimeIsPredicted() {
        int half = ServiceProbe.IMAGE.length() / 2;
        SlowClient declared = SlowClient.declared(port, "/predict", ServiceProbe.IMAGE.length(), ServiceProbe.IMAGE.substring(0, half));
        SlowClient chunked = SlowClient.chunked(port, "/predict", ServiceProbe.IMAGE.substring(0, half));
        slow.add(declared);
        slow.add(chunked);
        trickle.schedule(() -> declared.send(ServiceProbe.IMAGE.substring(half)), 500, TimeUnit.MILLISECONDS);
        trickle.schedule(() -> {
            chunked.chunk(ServiceProbe.IMAGE.substring(half));
            chunked.send("0\r\n\r\n");
        }, 700, TimeUnit.MILLISECONDS);

        for (SlowClient c : List.of(declared, chunked)) {
            assertThat(c.readToEnd()).startsWith("HTTP/1.1 200").contains("\"label\"").contains("\"probabilities\"");
        }
    }

    @Test
    void aV2ErrorForABodyThatCameLateKeepsItsJsonErrorBody() {
        String body = "{\"inputs\":[]}";
        SlowClient client = SlowClient.declared(port, "/v2/models/no-such-model/infer", body.length(),
                body.substring(0, 5));
        slow.add(client);
        trickle.schedule(() -> client.send(body.substring(5)), 300, TimeUnit.MILLISECONDS);

        assertThat(client.readToEnd()).startsWith("HTTP/1.1 4").contains("{\"error\":");
    }

    @Test
    void aSlowBodyOverItsLimitIsStill413() {
        SlowClient chunked = SlowClient.chunked(port, "/jobs", "{\"name\":\"");
        slow.add(chunked);
        String kilobyte = "x".repeat(1024);
        for (int i = 0; i < 70; i++) { // past the 64 KB limit of other bodies
            chunked.chunk(kilobyte);
        }

        assertThat(chunked.readToEnd()).startsWith("HTTP/1.1 413").contains("urn:digitnet:problem:body-too-large");
    }

    private void keepTrickling(SlowClient client, long everyMillis) {
        trickle.scheduleWithFixedDelay(() -> client.chunk(" "), everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }
}
