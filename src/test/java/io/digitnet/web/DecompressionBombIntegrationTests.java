package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.npy.NumpyBytes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs (issue 9, item 2): an .npz whose small compressed entry declares (and inflates to) a huge
 * array is refused from its .npy header, before its data is inflated, four at a time.
 */
class DecompressionBombIntegrationTests extends ServiceTestContext {

    /** W1 declared (784, 342392) float32: 1 GiB. The entry holds 64 MiB of zeros (enough to show it is never read). */
    private static final byte[] BOMB = NumpyBytes.deflatedZeros("W1.npy", "(784, 342392)", 64 << 20);

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
        Http.Multipart upload = Http.multipart("weights", "bomb.npz", NumpyBytes.deflatedZeros("extra.npy", "(1000, 1000)", 4_000_000));
        Http.Response response = http.post("/models", upload.contentType(), upload.body());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("unexpected array 'extra'");
    }
}
