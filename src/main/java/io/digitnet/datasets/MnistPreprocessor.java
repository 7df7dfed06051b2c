package io.digitnet.datasets;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Turns a photo or drawing of one digit into what MNIST's images look like: grayscale in [0, 1], a light digit on a
 * black background, the digit fitted into 20×20 (aspect ratio kept) and placed in 28×28 so that its centre of mass is
 * at the centre, as LeCun et al. prepared MNIST.
 */
public final class MnistPreprocessor {

    public static final int SIDE = 28;
    /** The box the digit is scaled to fit, as in MNIST. */
    public static final int BOX = 20;
    /** Below this (after normalising background to 0 and the darkest/brightest ink to 1) a pixel is background. */
    static final float INK = 0.2f;
    /** Less contrast than this between ink and background means there is no digit to see. */
    static final float MIN_CONTRAST = 0.1f;

    private MnistPreprocessor() {
    }

    /**
     * @return [784] values in [0, 1], row by row
     * @throws InvalidImageException when the image is blank
     */
    public static float[] toMnist(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] gray = grayscale(image); // [h × w]

        float background = median(border(gray, w, h));
        if (background > 0.5f) {
            for (int i = 0; i < gray.length; i++) {
                gray[i] = 1f - gray[i];
            }
            background = 1f - background;
        }
        float peak = 0f;
        for (float v : gray) {
            peak = Math.max(peak, v);
        }
        if (peak - background < MIN_CONTRAST) {
            throw new InvalidImageException("no digit found: the image is blank (no contrast between digit and background)");
        }
        // background → 0, the strongest ink → 1: photos of paper are rarely pure white and black
        float scale = 1f / (peak - background);
        for (int i = 0; i < gray.length; i++) {
            gray[i] = Math.min(1f, Math.max(0f, (gray[i] - background) * scale));
        }

        int[] box = inkBox(gray, w, h); // x0, y0, x1, y1 (exclusive)
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        float fit = (float) BOX / Math.max(bw, bh);
        int tw = Math.max(1, Math.min(BOX, Math.round(bw * fit)));
        int th = Math.max(1, Math.min(BOX, Math.round(bh * fit)));
        float[] digit = Resampling.resize(gray, w, box[0], box[1], bw, bh, tw, th); // [th × tw]
        return centreByMass(digit, tw, th);
    }

    /** Luminance (ITU-R BT.601), transparent pixels composited over white as a browser would show them. */
    static float[] grayscale(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] gray = new float[w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            float alpha = (p >>> 24) / 255f;
            float luminance = (0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff)) / 255f;
            gray[i] = alpha * luminance + (1f - alpha);
        }
        return gray;
    }

    private static float[] border(float[] gray, int w, int h) {
        if (w <= 2 || h <= 2) {
            return gray.clone();
        }
        float[] border = new float[2 * w + 2 * (h - 2)];
        int n = 0;
        for (int x = 0; x < w; x++) {
            border[n++] = gray[x];
            border[n++] = gray[(h - 1) * w + x];
        }
        for (int y = 1; y < h - 1; y++) {
            border[n++] = gray[y * w];
            border[n++] = gray[y * w + w - 1];
        }
        return border;
    }

    /** The median is not fooled by a digit that touches the border. */
    private static float median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int[] inkBox(float[] gray, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (gray[y * w + x] > INK) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    /** Pastes {@code digit} [th × tw] into 28×28 with its centre of mass on the centre (13.5, 13.5), clipping. */
    private static float[] centreByMass(float[] digit, int tw, int th) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                float v = digit[y * tw + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        double centre = (SIDE - 1) / 2.0;
        int ox = (int) Math.round(centre - mx / mass);
        int oy = (int) Math.round(centre - my / mass);
        float[] out = new float[SIDE * SIDE];
        for (int y = 0; y < th; y++) {
            int ty = y + oy;
            if (ty < 0 || ty >= SIDE) {
                continue;
            }
            for (int x = 0; x < tw; x++) {
                int tx = x + ox;
                if (tx >= 0 && tx < SIDE) {
                    out[ty * SIDE + tx] = digit[y * tw + x];
                }
            }
        }
        return out;
    }
}
