package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
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
 * Slow multipart uploads (issue 9, item 1, for /predict/image and POST /models): the container parses multipart
 * bodies from the connection itself, so without the body deadline a client that trickles its upload holds a request
 * thread. With four request threads and twelve slow uploads, liveness and /predict answer within 1 s, and each slow
 * upload is answered 408 at the deadline; an upload that comes slowly but in time is parsed and predicted as usual,
 * its form fields included, and leaves no spooled file behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "digitnet.datasets.provision-at-startup=false",
        "server.tomcat.threads.max=4",
        "server.tomcat.threads.min-spare=4",
        "spring.servlet.multipart.file-size-threshold=0",
        "digitnet.limits.body-timeout=5s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowMultipartIntegrationTests {

    private static final Path DATA = ServiceTestContext.temporaryDirectory("digitnet-slow-multipart");
    private static final String BOUNDARY = "slow-multipart-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.data-dir", DATA::toString);
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
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private String modelId;

    @BeforeAll
    void aModel() {
        modelId = store.save(new ModelDraft("slow-multipart", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 20, 10, WeightInit.HE, 5, DataType.FLOAT)).id();
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
    void slowMultipartUploadsHoldNoRequestThreadAndAre408AtTheDeadline() throws Exception {
        probe.livenessAndPrediction(Duration.ofSeconds(30)); // warm: the first prediction loads the model
        String imageStart = partStart("image", "digit.png", "image/png");
        String weightsStart = partStart("weights", "weights.npz", "application/octet-stream");
        List<SlowClient> chunkedOnes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SlowClient image = SlowClient.declared(port, "/predict/image", MULTIPART, 100_000, imageStart);
            SlowClient weights = SlowClient.declared(port, "/models", MULTIPART, 1_000_000, weightsStart);
            SlowClient chunked = SlowClient.chunked(port, i % 2 == 0 ? "/predict/image" : "/models", MULTIPART,
                    i % 2 == 0 ? imageStart : weightsStart);
            slow.addAll(List.of(image, weights, chunked));
            chunkedOnes.add(chunked);
        }
        long start = System.nanoTime();
        // a byte to each every 400 ms while liveness and /predict are checked, then silence before the 5 s deadline:
        // a byte that reaches a connection the server has closed makes it answer with a reset, which can discard
        // the 408 before the client reads it
        ScheduledFuture<?> trickling = keepTrickling(slow, chunkedOnes);
        trickle.schedule(() -> trickling.cancel(false), 3800, TimeUnit.MILLISECONDS);
        // answers are read as they come, by threads of their own
        List<CompletableFuture<String>> answers = slow.stream()
                .map(upload -> CompletableFuture.supplyAsync(upload::readToEnd, readers)).toList();

        // three times the request threads are uploading slowly; for 3 s every check answers within 1 s
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> probe.livenessAndPrediction(ONE_SECOND));
        List<String> received = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            received.add(answer.get(60, TimeUnit.SECONDS));
        }
        assertThat(received).as("answers to the slow uploads").hasSize(12).allSatisfy(answer -> assertThat(answer)
                .startsWith("HTTP/1.1 408").contains("application/problem+json")
                .contains("urn:digitnet:problem:body-timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(4500));
    }

    @Test
    void aMultipartImageThatComesSlowlyButInTimeIsPredictedWithItsFormFields() throws Exception {
        byte[] body = imageUpload(png());
        int half = body.length / 2;
        SlowClient upload = SlowClient.declared(port, "/predict/image", MULTIPART, body.length,
                new String(body, 0, half, StandardCharsets.ISO_8859_1));
        slow.add(upload);
        trickle.schedule(() -> upload.send(Arrays.copyOfRange(body, half, body.length)), 700, TimeUnit.MILLISECONDS);

        String answer = upload.readToEnd();

        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"label\"").contains(modelId);
        try (Stream<Path> spooled = Files.list(DATA.resolve("tmp/uploads"))) {
            assertThat(spooled).isEmpty(); // with file-size-threshold 0 the image part was spooled, then removed
        }
    }

    @Test
    void aMultipartBodyOverTheUploadLimitIsStill413() {
        SlowClient chunked = SlowClient.chunked(port, "/predict/image", MULTIPART,
                partStart("image", "digit.png", "image/png"));
        slow.add(chunked);
        String kilobytes = "x".repeat(64 * 1024);
        for (int i = 0; i < 260 && chunked.chunk(kilobytes); i++) { // past the 16 MB upload limit
            // keep sending until the limit answers
        }

        assertThat(chunked.readToEnd()).startsWith("HTTP/1.1 413").contains("application/problem+json");
    }

    /** A byte to each every 400 ms (a chunk of one byte to the chunked ones). */
    private ScheduledFuture<?> keepTrickling(List<SlowClient> clients, List<SlowClient> chunked) {
        return trickle.scheduleWithFixedDelay(() -> {
            for (SlowClient c : clients) {
                try {
                    if (chunked.contains(c)) {
                        c.chunk("x");
                    } else {
                        c.send("x");
                    }
                } catch (RuntimeException e) {
                    // closed by the server: its answer is read by the test
                }
            }
        }, 400, 400, TimeUnit.MILLISECONDS);
    }

    private static String partStart(String name, String filename, String type) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n";
    }

    /** The image part, then a form field naming the model (a request parameter, as the container would have it). */
    private byte[] imageUpload(byte[] png) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(partStart("image", "digit.png", "image/png").getBytes(StandardCharsets.ISO_8859_1));
        body.write(png);
        body.write(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + modelId
                + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return body.toByteArray();
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 4; y < 24; y++) {
            image.getRaster().setSample(14, y, 0, 255);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
