package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A full disk (issue 9, item 4): the data directory's free space is watched (here a threshold no disk meets makes it
 * "full"): readiness is DOWN, writes are refused with 507 and no refused job is listed.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"digitnet.datasets.provision-at-startup=false", "management.health.diskspace.threshold=1000TB"})
class DiskFullIntegrationTests {

    static final Path DATA = ServiceTestContext.temporaryDirectory("digitnet-disk-full");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.data-dir", DATA::toString);
        registry.add("digitnet.models.dir", () -> DATA.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> DATA.resolve("jobs").toString());
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

    /** A probe's DOWN is normal (start-up, this full disk): no ERROR line; a refused write is a WARN, not an ERROR. */
    @Test
    void aDownProbeIsNoErrorInTheLogAndARefusedWriteIsAWarning(CapturedOutput output) {
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(http.get("/actuator/health").status()).isEqualTo(503);
        assertThat(http.postJson("/jobs", "{\"hiddenSize\":10,\"iterations\":10}").status()).isEqualTo(507);

        List<String> failed = output.getAll().lines().filter(line -> line.contains("request failed")).toList();
        assertThat(failed).noneMatch(line -> line.contains("/actuator/health"));
        assertThat(failed).singleElement().satisfies(line -> assertThat(line).contains(" WARN ")
                .contains("method=POST path=/jobs status=507 type=urn:digitnet:problem:disk-full"));
        assertThat(output.getAll().lines()).noneMatch(line -> line.contains(" ERROR "));
    }

    @Test
    void theDataDirectoryIsWatchedReadinessGoesDownAndWritesAre507() {
        Http.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("components").get("diskSpace").get("status").asString()).isEqualTo("DOWN");
        assertThat(readiness.json().get("components").get("diskSpace").get("details").get("path").asString())
                .isEqualTo(DATA.toAbsolutePath().toString());

        Http.Response job = http.postJson("/jobs", "{\"hiddenSize\":10,\"iterations\":10}");
        assertThat(job.status()).isEqualTo(507);
        assertThat(job.json().get("type").asString()).isEqualTo("urn:digitnet:problem:disk-full");
        assertThat(http.get("/jobs?status=QUEUED").json().get("totalElements").asInt()).isZero();

        Http.Multipart weights = Http.multipart("weights", "w.npz", new byte[10]);
        Http.Response upload = http.post("/models", weights.contentType(), weights.body());
        assertThat(upload.status()).isEqualTo(507);
        assertThat(http.get("/jobs").status()).isEqualTo(200);
    }
}
