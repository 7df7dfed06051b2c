package io.digitnet.inference;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Digits drawn with java.awt the way a user draws them: a thick pen on a 200×200 canvas. */
public final class DigitDrawings {

    private DigitDrawings() {
    }

    /** Strokes of the digits 0, 1 and 7 on a 200×200 canvas. */
    public static Path2D strokes(int digit) {
        Path2D path = new Path2D.Double();
        switch (digit) {
            case 0 -> path.append(new java.awt.geom.Ellipse2D.Double(60, 35, 80, 130), false);
            case 1 -> {
                path.moveTo(105, 30);
                path.lineTo(100, 170);
            }
            case 7 -> {
                path.moveTo(55, 40);
                path.lineTo(145, 40);
                path.lineTo(85, 170);
            }
            default -> throw new IllegalArgumentException("no drawing of " + digit);
        }
        return path;
    }

    /** @param background null for a transparent background */
    public static BufferedImage draw(int digit, Color pen, Color background) {
        BufferedImage image = new BufferedImage(200, 200,
                background == null ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (background != null) {
            g.setColor(background);
            g.fillRect(0, 0, 200, 200);
        }
        g.setColor(pen);
        g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(strokes(digit));
        g.dispose();
        return image;
    }

    /** Dark pen on white paper, as a PNG. */
    public static byte[] png(int digit) {
        return encode(draw(digit, Color.BLACK, Color.WHITE), "png");
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
