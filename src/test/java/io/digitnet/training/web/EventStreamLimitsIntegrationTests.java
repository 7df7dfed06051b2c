package io.digitnet.training.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.training.Api;
import io.digitnet.training.JobStatus;
import io.digitnet.training.TrainingJobs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Event streams (issue 9, item 8): one client cannot hold every slot, and the stream of a client that went away is
 * found by the heartbeat and its slot freed even while the job is quiet. A queued job behind a long one is quiet.
 * Streams are opened over raw sockets so that a client can simply vanish.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventStreamLimitsIntegrationTests {

    private static final String BLOCKER = "{\"name\":\"blocker\",\"hiddenSize\":20,\"epochs\":90,\"seed\":3}";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("digitnet.jobs.dir", () -> dataDir.resolve("jobs").toString());
        registry.add("digitnet.models.dir", () -> dataDir.resolve("models").toString());
        registry.add("digitnet.jobs.workers", () -> "1");
        registry.add("digitnet.jobs.max-event-streams-per-client", () -> "2");
        registry.add("digitnet.jobs.event-stream-heartbeat", () -> "1s");
    }

    @LocalServerPort
    int port;
    @Autowired
    TrainingJobs jobs;
    @Autowired
    JobEventStreams streams;

    Api api;
    String quiet;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void aQuietJob() {
        api = new Api(port);
        api.submit(BLOCKER);
        quiet = api.submit("{\"name\":\"quiet\",\"hiddenSize\":10,\"iterations\":10}");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
            jobs.withStatus(status).forEach(job -> jobs.cancel(job.id()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.openCount() == 0);
    }

    @Test
    void oneClientGetsAFewStreamsAndThen429WithRetryAfter() {
        open(quiet);
        open(quiet);

        Api.Response refused = api.get("/jobs/" + quiet + "/events");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(refused.body().get("type").asString())
                .isEqualTo("urn:digitnet:problem:event-stream-client-limit");
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    @Test
    void aHeartbeatCommentArrivesWhileTheJobIsQuietAndAVanishedClientsSlotIsFreed() throws IOException {
        Socket first = open(quiet);
        BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        do {
            line = lines.readLine();
        } while (line != null && !line.startsWith(":"));
        assertThat(line).isEqualTo(":heartbeat");

        open(quiet);
        assertThat(streams.openCount()).isEqualTo(2);
        first.close(); // the client vanishes without a word
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.openCount() == 1);
        open(quiet); // its slot is free again
    }

    /** Opens a stream and reads its response headers; fails unless it is 200. */
    private Socket open(String jobId) {
        try {
            Socket socket = new Socket("localhost", port);
            sockets.add(socket);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /jobs/" + jobId + "/events HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder status = new StringBuilder();
            int c;
            while ((c = socket.getInputStream().read()) != '\n' && c != -1) {
                status.append((char) c);
            }
            assertThat(status.toString()).startsWith("HTTP/1.1 200");
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
