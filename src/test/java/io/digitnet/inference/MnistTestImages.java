package io.digitnet.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The first images of the real MNIST test set, as their raw bytes (0..255), from data/datasets/mnist. */
public final class MnistTestImages {

    private static final Path DIR = Path.of("data", "datasets", "mnist");

    private MnistTestImages() {
    }

    /** @return [count][784] pixel bytes 0..255 */
    public static int[][] bytes(int count) {
        byte[] file = read("t10k-images-idx3-ubyte");
        int[][] images = new int[count][784];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < 784; i++) {
                images[n][i] = file[16 + n * 784 + i] & 0xff;
            }
        }
        return images;
    }

    /** @return [count][784] in [0, 1], scaled as the network was trained (byte / 255) */
    public static float[][] unit(int count) {
        int[][] bytes = bytes(count);
        float[][] images = new float[count][784];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < 784; i++) {
                images[n][i] = bytes[n][i] / 255f;
            }
        }
        return images;
    }

    public static int[] labels(int count) {
        byte[] file = read("t10k-labels-idx1-ubyte");
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            labels[n] = file[8 + n];
        }
        return labels;
    }

    private static byte[] read(String name) {
        try {
            Path raw = DIR.resolve(name);
            if (Files.exists(raw)) {
                return Files.readAllBytes(raw);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve(name + ".gz")))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the MNIST test set is expected in " + DIR, e);
        }
    }
}
