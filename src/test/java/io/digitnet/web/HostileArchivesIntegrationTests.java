package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile archives and images (issue 9, item 2, "the same discipline for every archive or image the service reads"):
 * a PNG whose header declares 100000×100000 pixels (alone, and inside a zip of image folders), gzipped IDX parts
 * whose header declares 10^9 images, and a zip entry that inflates past what an image may be. Each is answered 4xx
 * with a problem detail naming the part, and leaves nothing behind: no dataset, no staging folder, no spooled part.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "digitnet.datasets.provision-at-startup=false")
class HostileArchivesIntegrationTests {

    private static final Path DATA = ServiceTestContext.temporaryDirectory("digitnet-hostile-archives");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.data-dir", DATA::toString);
        registry.add("digitnet.datasets.dir", () -> DATA.resolve("datasets").toString());
        registry.add("digitnet.datasets.uploads.dir", () -> DATA.resolve("uploads").toString());
        registry.add("digitnet.models.dir", () -> DATA.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> DATA.resolve("jobs").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    private Http http;
    private String name;

    @BeforeEach
    void client() {
        http = new Http(port, json);
        name = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        assertThat(http.get("/datasets").body()).doesNotContain(name);
        assertThat(files(DATA.resolve("uploads"))).as("staging folders").isEmpty();
        assertThat(files(DATA.resolve("tmp/uploads"))).as("spooled multipart parts").isEmpty();
        assertThat(files(DATA.resolve("datasets"))).as("datasets").noneMatch(path -> path.contains(name));
    }

    @Test
    void aPngDeclaring100000By100000PixelsIsRefusedFromItsHeader() {
        Http.Multipart upload = Http.multipart("image", "huge.png", hugePng());

        Http.Response response = http.post("/predict/image", upload.contentType(), upload.body());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("100000×100000").contains("2048");
    }

    @Test
    void theSamePngInAZipOfImageFoldersIsRefusedNamingItsEntry() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("train/0/a.png", hugePng());
        entries.put("train/1/b.png", smallPng());

        Http.Response response = upload("file", "folders.zip", zip(entries, Deflater.DEFAULT_COMPRESSION));

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("train/0/a.png").contains("100000×100000");
    }

    @Test
    void aZipEntryInflatingPastWhatAnImageMayBeIsRefusedWithoutInflatingIt() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("train/0/a.png", new byte[64 << 20]); // 64 MiB of zeros: about 64 KB deflated
        entries.put("train/1/b.png", smallPng());
        byte[] zip = zip(entries, Deflater.BEST_COMPRESSION);
        assertThat(zip.length).isLessThan(1 << 20);

        Http.Response response = upload("file", "bomb.zip", zip);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("train/0/a.png").contains("larger than");
    }

    @Test
    void gzippedIdxPartsDeclaringABillionImagesAreRefusedFromTheirHeaders() {
        byte[] labels = gzip(idxHeader(0x00000801, 1_000_000_000), new byte[1 << 16]);
        byte[] images = gzip(idxHeader(0x00000803, 1_000_000_000, 28, 28), new byte[1 << 16]);
        String boundary = "hostile-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> part : Map.of("train-labels", labels, "train-images", images).entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + part.getKey() + ".gz\"\r\nContent-Type: application/gzip\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(metadataPart(boundary));

        Http.Response response = http.post("/datasets", "multipart/form-data; boundary=" + boundary,
                body.toByteArray());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("train-labels").contains("1000000000")
                .contains("digitnet.datasets.uploads.max-images");
    }

    private Http.Response upload(String part, String fileName, byte[] file) {
        String boundary = "hostile-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(metadataPart(boundary));
        return http.post("/datasets", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private byte[] metadataPart(String boundary) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"name\":\"" + name
                + "\"}\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Stream<String> filesOf(Path dir) throws IOException {
        return Files.exists(dir) ? Files.list(dir).map(Path::toString) : Stream.empty();
    }

    private static java.util.List<String> files(Path dir) throws IOException {
        try (Stream<String> files = filesOf(dir)) {
            return files.toList();
        }
    }

    /** A valid PNG signature and IHDR declaring 100000×100000 8-bit gray pixels, then a little deflated data. */
    static byte[] hugePng() {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(rows, new Deflater(9), 8192, true)) {
            deflate.write(new byte[100_001 * 4]); // four rows of zeros (each with its filter byte)
            deflate.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(png, "IDAT", rows.toByteArray());
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] kind = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(kind);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(kind);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] smallPng() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(Map<String, byte[]> entries, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(level);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] idxHeader(int... ints) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int i : ints) {
                out.writeInt(i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] head, byte[] rest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(head);
            gzip.write(rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
