package io.digitnet.ui;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

/** PNG files of real MNIST test digits, drawn as a person would photograph them: dark ink on white paper. */
final class DigitImages {

    private static final Path TEST_IMAGES = Path.of("data", "datasets", "mnist", "t10k-images-idx3-ubyte");

    private DigitImages() {
    }

    /**
     * Writes test image {@code index} of MNIST, inverted (black on white) and enlarged tenfold to 280×280, as a PNG.
     * Test image 0 is a 7.
     */
    static Path writeInvertedPng(int index, Path directory) {
        byte[] pixels = mnistTestImage(index);   // [28 * 28], 0 = background
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 280; y++) {
            for (int x = 0; x < 280; x++) {
                int ink = pixels[(y / 10) * 28 + x / 10] & 0xff;
                int gray = 255 - ink;
                image.getRaster().setSample(x, y, 0, gray);
            }
        }
        try {
            Path file = directory.resolve("mnist-test-" + index + ".png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] mnistTestImage(int index) {
        Path file = Files.exists(TEST_IMAGES) ? TEST_IMAGES : Path.of(TEST_IMAGES + ".gz");
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            if (in.readInt() != 0x803) {
                throw new IllegalStateException(file + " is not an idx3 image file");
            }
            in.readInt();   // count
            int rows = in.readInt();
            int columns = in.readInt();
            in.skipNBytes((long) index * rows * columns);
            return in.readNBytes(rows * columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
