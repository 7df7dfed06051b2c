package io.digitnet.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxFilesTests {

    @TempDir
    Path dir;

    @Test
    void readsRawFilesScalingPixelsToUnitInterval() throws IOException {
        byte[][] pixels = {sample(0), sample(1), sample(2)};
        Path images = write("images", IdxFixtures.images(pixels));
        Path labels = write("labels", IdxFixtures.labels(7, 0, 9));

        LabeledImages read = IdxFiles.read(images, labels);

        assertThat(read.size()).isEqualTo(3);
        assertThat(read.labels()).containsExactly(7, 0, 9);
        INDArray x = read.images();
        assertThat(x.shape()).containsExactly(3, 784);
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x.ordering()).isEqualTo('c');
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 784; p++) {
                assertThat(x.getFloat(i, p)).isEqualTo((pixels[i][p] & 0xFF) / 255f);
            }
        }
        assertThat(x.minNumber().floatValue()).isEqualTo(0f);
        assertThat(x.maxNumber().floatValue()).isEqualTo(1f);
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        byte[][] pixels = {sample(3), sample(4)};
        // no .gz suffix on purpose
        Path images = write("images-idx3-ubyte", gzip(IdxFixtures.images(pixels)));
        Path labels = write("labels-idx1-ubyte", gzip(IdxFixtures.labels(1, 2)));

        LabeledImages read = IdxFiles.read(images, labels);

        assertThat(read.labels()).containsExactly(1, 2);
        assertThat(read.images().getFloat(1, 100)).isEqualTo((pixels[1][100] & 0xFF) / 255f);
        assertThat(read.images().getFloat(0, 783)).isEqualTo((pixels[0][783] & 0xFF) / 255f);
    }

    @Test
    void rejectsBadImagesMagic() throws IOException {
        byte[] content = IdxFixtures.images(sample(0));
        ByteBuffer.wrap(content).putInt(0, 0x00000801);
        Path images = write("images", content);
        Path labels = write("labels", IdxFixtures.labels(1));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("bad magic number 0x00000801; expected 0x00000803");
    }

    @Test
    void rejectsBadLabelsMagic() throws IOException {
        Path images = write("images", IdxFixtures.images(sample(0)));
        byte[] content = IdxFixtures.labels(1);
        ByteBuffer.wrap(content).putInt(0, 0x00000803);
        Path labels = write("labels", content);

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("expected 0x00000801");
    }

    @Test
    void rejectsImagesThatAreNot28By28() throws IOException {
        byte[] content = IdxFixtures.images(sample(0));
        ByteBuffer.wrap(content).putInt(8, 32).putInt(12, 24);
        Path images = write("images", content);
        Path labels = write("labels", IdxFixtures.labels(1));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("32×24; expected 28×28");
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        Path images = write("images", IdxFixtures.images(sample(0), sample(1)));
        Path labels = write("labels", IdxFixtures.labels(3, 10));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 10 at index 1 is outside 0..9");
    }

    @Test
    void rejectsCountMismatch() throws IOException {
        Path images = write("images", IdxFixtures.images(sample(0), sample(1)));
        Path labels = write("labels", IdxFixtures.labels(3));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining("holds 2 images but the labels file holds 1 labels");
    }

    @Test
    void rejectsTruncatedRawImagesNamingExpectedAndActualBytes() throws IOException {
        byte[] full = IdxFixtures.images(sample(0), sample(1));
        Path images = write("images", Arrays.copyOf(full, full.length - 100));
        Path labels = write("labels", IdxFixtures.labels(3, 4));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated: expected " + full.length + " file bytes")
                .hasMessageContaining("found " + (full.length - 100));
    }

    @Test
    void rejectsTruncatedRawLabels() throws IOException {
        Path images = write("images", IdxFixtures.images(sample(0), sample(1)));
        byte[] full = IdxFixtures.labels(3, 4);
        Path labels = write("labels", Arrays.copyOf(full, full.length - 1));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("truncated: expected 10 file bytes from its header but found 9");
    }

    @Test
    void rejectsFileCutInsideItsHeader() throws IOException {
        Path images = write("images", Arrays.copyOf(IdxFixtures.images(sample(0)), 10));
        Path labels = write("labels", IdxFixtures.labels(3));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining("truncated header");
    }

    @Test
    void rejectsTruncatedGzipContent() throws IOException {
        // a complete gzip stream whose content is short: the IDX length check catches it
        byte[] full = IdxFixtures.images(sample(0), sample(1));
        Path images = write("images", gzip(Arrays.copyOf(full, 900)));
        Path labels = write("labels", IdxFixtures.labels(3, 4));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(images + " (gzip)")
                .hasMessageContaining("truncated: expected " + full.length + " decompressed bytes from its header"
                        + " but found 900");
    }

    @Test
    void rejectsCutGzipStream() throws IOException {
        // the compressed stream itself is cut short, as an interrupted download would leave it
        byte[][] pixels = new byte[50][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = sample(i);
        }
        byte[] compressed = gzip(IdxFixtures.images(pixels));
        Path images = write("images", Arrays.copyOf(compressed, compressed.length / 2));
        Path labels = write("labels", IdxFixtures.labels(new int[50]));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated: expected " + (16 + 50 * 784) + " decompressed bytes");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] full = IdxFixtures.images(sample(0));
        Path images = write("images", Arrays.copyOf(full, full.length + 5));
        Path labels = write("labels", IdxFixtures.labels(3));

        assertThatThrownBy(() -> IdxFiles.read(images, labels))
                .isInstanceOf(InvalidIdxFileException.class)
                .hasMessageContaining("too long: expected " + full.length + " file bytes from its header but found "
                        + (full.length + 5));
    }

    @Test
    void missingFileIsAnIoError() throws IOException {
        Path labels = write("labels", IdxFixtures.labels(3));

        assertThatThrownBy(() -> IdxFiles.read(dir.resolve("absent"), labels))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void readsTheRealMnist() {
        String dataDir = System.getenv("DIGITNET_DATA_DIR");   // as the service and ProvisionDatasets resolve it
        Path mnist = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "datasets", "mnist");
        assertThat(mnist.resolve("train-images-idx3-ubyte"))
                .as("real MNIST in %s (provision it with ProvisionDatasets, see .ci/run)", mnist.toAbsolutePath())
                .exists();

        LabeledImages train = IdxFiles.read(mnist.resolve("train-images-idx3-ubyte"),
                mnist.resolve("train-labels-idx1-ubyte"));
        LabeledImages test = IdxFiles.read(mnist.resolve("t10k-images-idx3-ubyte"),
                mnist.resolve("t10k-labels-idx1-ubyte"));

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(train.images().shape()).containsExactly(60_000, 784);
        assertThat(Arrays.copyOf(train.labels(), 4)).containsExactly(5, 0, 4, 1);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.images().shape()).containsExactly(10_000, 784);
        assertThat(Arrays.copyOf(test.labels(), 4)).containsExactly(7, 2, 1, 0);
        assertThat(train.images().minNumber().floatValue()).isEqualTo(0f);
        assertThat(train.images().maxNumber().floatValue()).isEqualTo(1f);
        // the mean MNIST pixel is about 0.1307 (the normalisation constant everyone uses)
        assertThat(train.images().meanNumber().doubleValue()).isBetween(0.1300, 0.1315);
    }

    private static byte[] sample(int seed) {
        byte[] pixels = new byte[784];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (byte) ((p * 31 + seed * 17) % 256);
        }
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        return pixels;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
