package io.digitnet.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes an uploaded PNG or JPEG, checking its dimensions before any pixel is decoded. */
public final class ImageDecoder {

    static {
        // decode in memory: no temporary files per upload
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {
    }

    /**
     * @throws InvalidImageException  when the bytes are not a PNG or JPEG, or cannot be decoded
     * @throws ImageTooLargeException when the width or height exceeds {@code maxSide}
     */
    public static BufferedImage decode(byte[] bytes, int maxSide) {
        String format = format(bytes);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new InvalidImageException("this server cannot decode " + format + " images");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > maxSide || height > maxSide) {
                    throw new ImageTooLargeException("the image is " + width + "×" + height
                            + " pixels; at most " + maxSide + " pixels per side are accepted");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException || e instanceof ImageTooLargeException) {
                throw (RuntimeException) e;
            }
            throw new InvalidImageException("the " + format + " image could not be decoded (corrupt or truncated?): "
                    + e.getMessage());
        }
    }

    /** By the file's signature, not by a client-declared content type. */
    private static String format(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        throw new InvalidImageException(b.length == 0 ? "the image is empty"
                : "the image is not a PNG or JPEG file (its first bytes are not a PNG or JPEG signature)");
    }
}
