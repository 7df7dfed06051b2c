package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs (issue 9, item 2): an .npz whose small compressed entry declares (and inflates to) a huge
 * array is refused from its .npy header, before its data is inflated, four at a time.
 */
class DecompressionBombIntegrationTests extends ServiceTestContext {

    /** W1 declared (784, 342392) float32: 1 GiB. The entry holds 64 MiB of zeros (enough to show it is never read). */
    private static final byte[] BOMB = bomb("W1.npy", "(784, 342392)", 64 << 20);

    @Test
    void anNpzDeclaringAHugeArrayIsRefusedFromItsHeaderFourAtATime() {
        Http.Multipart upload = Http.multipart("weights", "bomb.npz", BOMB);
        assertThat(BOMB.length).isLessThan(1 << 20);

        List<Http.Response> responses = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.post("/models", upload.contentType(),
                        upload.body())))
                .toList().stream().map(CompletableFuture::join).toList();

        for (Http.Response response : responses) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("detail").asString())
                    .contains("W1").contains("784, 342392").contains("it was not read");
        }
    }

    @Test
    void anUnexpectedArrayIsRefusedBeforeItIsRead() {
        Http.Multipart upload = Http.multipart("weights", "bomb.npz", bomb("extra.npy", "(1000, 1000)", 4_000_000));
        Http.Response response = http.post("/models", upload.contentType(), upload.body());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("unexpected array 'extra'");
    }

    /** A zip with one DEFLATED .npy entry: a valid float32 header declaring {@code shape}, then {@code zeros} zeros. */
    static byte[] bomb(String entry, String shape, int zeros) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                    (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
            zip.write(header.getBytes(StandardCharsets.ISO_8859_1));
            byte[] block = new byte[1 << 20];
            for (int written = 0; written < zeros; written += block.length) {
                zip.write(block, 0, Math.min(block.length, zeros - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
