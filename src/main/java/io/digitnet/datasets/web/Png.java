package io.digitnet.datasets.web;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A 28×28 image as an 8-bit grayscale PNG. */
final class Png {

    static final int SIDE = 28;

    private Png() {
    }

    /** @param pixels [784] row by row, in [0, 1] (0 black) */
    static byte[] grayscale(float[] pixels) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                raster.setSample(x, y, 0, Math.round(Math.max(0f, Math.min(1f, pixels[y * SIDE + x])) * 255f));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
