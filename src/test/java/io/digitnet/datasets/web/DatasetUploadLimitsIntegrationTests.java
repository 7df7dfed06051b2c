package io.digitnet.datasets.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.datasets.web.Client.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upload limits, made small here: a body over max-bytes (with a Content-Length and chunked), a zip entry that
 * inflates past max-uncompressed, more images than max-images, more classes than max-classes, each a 413 problem
 * naming its setting with nothing left behind; and an upload over background-above, answered 202 with a Location
 * that shows it provisioning and then ready (or failed, with the reason).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "digitnet.datasets.provision-at-startup=false",
        "digitnet.datasets.uploads.max-bytes=1MB",
        "digitnet.datasets.uploads.max-uncompressed=2MB",
        "digitnet.datasets.uploads.max-images=200",
        "digitnet.datasets.uploads.max-classes=10",
        "digitnet.datasets.uploads.background-above=64KB"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetUploadLimitsIntegrationTests {

    static final Path DATA = DatasetTestStores.create("datasets-limits");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        DatasetTestStores.register(registry, DATA);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    Client http;
    RealData digits;

    @BeforeAll
    void setUp() {
        http = new Client(port, json);
        digits = RealData.first("mnist", "train", 150); // under max-images, over background-above as a CSV
    }

    @Test
    void aBodyOverMaxBytesIs413WithOrWithoutAContentLength() {
        byte[] large = new byte[(int) (1.2 * 1024 * 1024)];
        new Random(1).nextBytes(large);
        Part file = Part.file("file", "large.csv", large);
        Part metadata = Part.field("metadata", "{\"name\":\"too-large\"}");

        for (Client.Response response : List.of(http.upload("/datasets", file, metadata),
                http.uploadChunked("/datasets", file, metadata))) {
            assertProblem(response, "body-too-large", "digitnet.datasets.uploads.max-bytes");
            assertThat(response.json().get("detail").asString()).contains(String.valueOf(1024 * 1024));
            assertNothingLeft("too-large");
        }
    }

    @Test
    void aZipEntryThatInflatesPastMaxUncompressedIs413() {
        Map<String, byte[]> entries = Zips.entries();
        entries.put("train/a/bomb.png", new byte[3 * 1024 * 1024]); // 3 MB of zeros, a few KB once zipped
        entries.put("train/b/1.png", Zips.grayPng(digits, 1));
        byte[] zip = Zips.zip(entries);
        assertThat(zip.length).isLessThan(64 * 1024); // processed at once, not in the background

        Client.Response response = http.upload("/datasets", Part.file("file", "bomb.zip", zip),
                Part.field("metadata", "{\"name\":\"bomb\"}"));
        assertProblem(response, "upload-too-large", "digitnet.datasets.uploads.max-uncompressed");
        assertNothingLeft("bomb");
    }

    @Test
    void moreImagesThanMaxImagesIs413() {
        String row = "1" + ",0".repeat(784) + "\n";
        String other = "2" + ",0".repeat(784) + "\n";
        byte[] csv = gzip((row + other).repeat(101)); // 202 images, a few KB gzipped

        Client.Response response = http.upload("/datasets", Part.file("file", "many.csv.gz", csv),
                Part.field("metadata", "{\"name\":\"many\"}"));
        assertProblem(response, "upload-too-large", "digitnet.datasets.uploads.max-images");
        assertThat(response.json().get("detail").asString()).contains("more than 200 images");
        assertNothingLeft("many");
    }

    @Test
    void moreClassesThanMaxClassesIs413() {
        Map<String, byte[]> entries = Zips.entries();
        for (String folder : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")) {
            for (int i = 0; i < 6; i++) {
                entries.put("train/" + folder + "/" + i + ".png", Zips.grayPng(digits, i));
            }
        }
        Client.Response response = http.upload("/datasets", Part.file("file", "classes.zip", Zips.zip(entries)),
                Part.field("metadata", "{\"name\":\"classes\"}"));
        assertProblem(response, "upload-too-large", "digitnet.datasets.uploads.max-classes");
        assertThat(response.json().get("detail").asString()).contains("11 classes; at most 10");
        assertNothingLeft("classes");
    }

    @Test
    void aLargeUploadIsAccepted202AndItsLocationShowsItProvisioningThenReady() {
        byte[] csv = digits.csv();
        assertThat(csv.length).isGreaterThan(64 * 1024);

        Client.Response accepted = http.upload("/datasets", Part.file("file", "big.csv", csv),
                Part.field("metadata", "{\"name\":\"big\"}"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.location()).isEqualTo("/datasets/big");
        assertThat(accepted.json().get("status").asString()).isEqualTo("provisioning");
        assertThat(accepted.json().get("source").get("file").asString()).isEqualTo("big.csv");
        assertThat(accepted.json().has("trainSize")).isFalse();

        Client.Response meanwhile = http.get(accepted.location());
        assertThat(meanwhile.status()).isEqualTo(200);
        assertThat(meanwhile.json().get("status").asString()).isIn("provisioning", "ready");
        if (meanwhile.json().get("status").asString().equals("provisioning")) {
            assertThat(meanwhile.json().has("trainSize")).isFalse();
            assertThat(meanwhile.json().has("sha256")).isFalse();
        }

        JsonNode ready = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(accepted.location()).json(), d -> !d.get("status").asString()
                        .equals("provisioning"));
        assertThat(ready.get("status").asString()).as(ready.toString()).isEqualTo("ready");
        assertThat(ready.get("trainSize").asInt() + ready.get("testSize").asInt()).isEqualTo(150);
        assertThat(ready.get("sha256").size()).isEqualTo(4);
        assertThat(http.get("/datasets/big/images/test/0").json().get("pixels").size()).isEqualTo(784);
        // the staged upload goes just after the dataset is stored
        await().atMost(Duration.ofSeconds(30)).untilAsserted(this::assertNoLeftovers);
    }

    @Test
    void aLargeUploadThatFailsInTheBackgroundShowsFailedWithTheReasonAndLeavesNothing() {
        String bad = new String(digits.csv(), StandardCharsets.US_ASCII) + "3,0,0\n";

        Client.Response accepted = http.upload("/datasets", Part.file("file", "late.csv",
                bad.getBytes(StandardCharsets.US_ASCII)), Part.field("metadata", "{\"name\":\"late\"}"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode failed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/datasets/late").json(), d -> !d.get("status").asString()
                        .equals("provisioning"));
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("reason").asString()).contains("line 152 has 3 columns");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(this::assertNoLeftovers);
        assertThat(Files.exists(DATA.resolve("uploads").resolve("late"))).isFalse();

        assertThat(http.delete("/datasets/late").status()).isEqualTo(204);
        assertThat(http.get("/datasets/late").status()).isEqualTo(404);
    }

    private void assertProblem(Client.Response response, String type, String setting) {
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:digitnet:problem:" + type);
        assertThat(response.json().get("status").asInt()).isEqualTo(413);
        assertThat(response.json().get("detail").asString()).contains(setting);
    }

    private void assertNothingLeft(String name) {
        assertThat(http.get("/datasets/" + name).status()).isEqualTo(404);
        assertThat(http.get("/datasets").json().valueStream().map(d -> d.get("name").asString())).doesNotContain(name);
        assertThat(Files.exists(DATA.resolve("uploads").resolve(name))).isFalse();
        assertNoLeftovers();
    }

    /** No staged parts or half-written datasets: nothing hidden in the uploads folder. */
    private void assertNoLeftovers() {
        Path uploads = DATA.resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return;
        }
        try (Stream<Path> entries = Files.list(uploads)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
