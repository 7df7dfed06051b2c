package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.datasets.web.RealData;
import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slow dataset uploads (issue 9, item 1, for POST /datasets, whose bodies may be far larger than
 * {@code digitnet.limits.upload-size}): they are spooled to a file in the multipart folder as they arrive, with no
 * request thread held, under {@code digitnet.limits.upload-timeout} (here 6 s, past a body-timeout of 2 s). With four
 * request threads and eight trickling uploads, liveness and /predict answer within 1 s; each upload is answered 408
 * at its deadline and its spooled file is gone, as after a client that goes away. An upload larger than the upload
 * size, with a Content-Length or chunked, is parsed from its spooled file and becomes a dataset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "digitnet.datasets.provision-at-startup=false",
        "server.tomcat.threads.max=4",
        "server.tomcat.threads.min-spare=4",
        "digitnet.limits.body-timeout=2s",
        "digitnet.limits.upload-timeout=6s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowDatasetUploadIntegrationTests {

    private static final Path DATA = ServiceTestContext.temporaryDirectory("digitnet-slow-datasets");
    private static final Path SPOOL = DATA.resolve("tmp").resolve("uploads");
    private static final String BOUNDARY = "slow-dataset-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String CSV_START = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
            + "filename=\"slow.csv\"\r\nContent-Type: text/csv\r\n\r\n1" + ",0".repeat(784) + "\n";
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.data-dir", DATA::toString);
        registry.add("digitnet.datasets.dir", () -> Path.of("data", "datasets").toAbsolutePath().toString());
        registry.add("digitnet.datasets.uploads.dir", () -> DATA.resolve("uploads").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    ModelStore store;
    @Autowired
    JsonMapper json;

    private final List<SlowClient> slow = new ArrayList<>();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private ScheduledExecutorService trickle;
    private ServiceProbe probe;

    @BeforeAll
    void aModel() {
        store.save(new ModelDraft("slow-datasets", Activation.RELU, "mnist", Map.of(), Map.of(), null),
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
    void tricklingDatasetUploadsHoldNoRequestThreadAndAre408AtTheUploadDeadlineWithNoFileLeft() throws Exception {
        probe.livenessAndPrediction(Duration.ofSeconds(30)); // warm: the first prediction loads the model
        List<SlowClient> chunked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slow.add(SlowClient.declared(port, "/datasets", MULTIPART, 50_000_000, CSV_START));
        }
        for (int i = 0; i < 2; i++) {
            chunked.add(SlowClient.chunked(port, "/datasets", MULTIPART, CSV_START));
        }
        slow.addAll(chunked);
        long start = System.nanoTime();
        // a byte to each every 400 ms, then silence before the 6 s deadline (a byte that reaches a connection the
        // server has closed makes it answer with a reset, which can discard the 408 before the client reads it)
        ScheduledFuture<?> trickling = trickle.scheduleWithFixedDelay(() -> slow.forEach(c -> {
            try {
                if (chunked.contains(c)) {
                    c.chunk("0");
                } else {
                    c.send("0");
                }
            } catch (RuntimeException e) {
                // closed by the server: its answer is read by the test
            }
        }), 400, 400, TimeUnit.MILLISECONDS);
        trickle.schedule(() -> trickling.cancel(false), 4500, TimeUnit.MILLISECONDS);
        List<CompletableFuture<String>> answers = slow.stream()
                .map(upload -> CompletableFuture.supplyAsync(upload::readToEnd, readers)).toList();

        // twice the request threads are uploading slowly; for 3 s every check answers within 1 s
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> probe.livenessAndPrediction(ONE_SECOND));
        assertThat(spooled()).as("a file per upload on its way, in the multipart folder").hasSize(8);

        List<String> received = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            received.add(answer.get(60, TimeUnit.SECONDS));
        }
        assertThat(received).hasSize(8).allSatisfy(answer -> assertThat(answer).startsWith("HTTP/1.1 408")
                .contains("application/problem+json").contains("urn:digitnet:problem:body-timeout")
                .contains("digitnet.limits.upload-timeout"));
        // the upload deadline, not the 2 s body-timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(5500));
        assertThat(spooled()).as("spooled files after the 408s").isEmpty();
    }

    @Test
    void aDatasetUploadWhoseClientGoesAwayLeavesNoSpooledFile() {
        SlowClient upload = SlowClient.declared(port, "/datasets", MULTIPART, 50_000_000, CSV_START);
        slow.add(upload);
        await().atMost(Duration.ofSeconds(5)).until(() -> spooled().size() == 1);

        upload.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> spooled().isEmpty());
    }

    @Test
    void aDatasetUploadLargerThanTheUploadSizeIsParsedFromItsSpooledFileWithOrWithoutAContentLength() {
        byte[] csv = RealData.first("mnist", "train", 12_000).csv();
        assertThat(csv.length).isGreaterThan(16 * 1024 * 1024); // digitnet.limits.upload-size
        Http http = new Http(port, json);

        Http.Multipart declared = Http.multipart("file", "large.csv", csv);
        assertReady(http, http.post("/datasets", declared.contentType(), declared.body()), "large");
        Http.Multipart chunked = Http.multipart("file", "streamed.csv", csv);
        assertReady(http, http.postChunked("/datasets", chunked.contentType(), chunked.body()), "streamed");
        assertThat(spooled()).isEmpty();
    }

    private void assertReady(Http http, Http.Response accepted, String name) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202); // over background-above: 16 MB
        JsonNode ready = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get("/datasets/" + name).json(),
                        d -> !d.get("status").asString().equals("provisioning"));
        assertThat(ready.get("status").asString()).as(ready.toString()).isEqualTo("ready");
        assertThat(ready.get("trainSize").asInt() + ready.get("testSize").asInt()).isEqualTo(12_000);
    }

    private List<Path> spooled() {
        if (!Files.isDirectory(SPOOL)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(SPOOL)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
