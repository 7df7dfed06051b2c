package io.digitnet.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.digitnet.inference.DigitDrawings;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MnistPreprocessorTests {

    private static float[] preprocess(byte[] file) {
        return MnistPreprocessor.toMnist(ImageDecoder.decode(file, 2048));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void drawnDigitBecomesAnMnistImage(int digit) {
        float[] x = preprocess(DigitDrawings.png(digit));

        assertThat(x).hasSize(784);
        for (float v : x) {
            assertThat(v).isBetween(0f, 1f);
        }
        // inverted: dark background, light digit
        assertThat(x[0]).isZero();
        assertThat(x[783]).isZero();
        assertThat(max(x)).isGreaterThan(0.95f);
        // fitted into 20×20: the taller side of these drawings spans 20 pixels
        int[] box = inkBox(x);
        assertThat(box[3] - box[1]).isEqualTo(20);
        assertThat(box[2] - box[0]).isLessThanOrEqualTo(20);
        // centred by mass, to the nearest whole pixel
        double[] centre = centreOfMass(x);
        assertThat(centre[0]).isCloseTo(13.5, within(0.5 + 1e-6));
        assertThat(centre[1]).isCloseTo(13.5, within(0.5 + 1e-6));
    }

    @Test
    void lightOnDarkAndTransparentBackgroundsGiveTheSameImage() {
        float[] darkOnLight = preprocess(DigitDrawings.png(7));
        float[] lightOnDark = preprocess(DigitDrawings.encode(
                DigitDrawings.draw(7, Color.WHITE, Color.BLACK), "png"));
        float[] transparent = preprocess(DigitDrawings.encode(
                DigitDrawings.draw(7, Color.BLACK, null), "png"));
        for (int i = 0; i < 784; i++) {
            assertThat(lightOnDark[i]).as("pixel %d", i).isCloseTo(darkOnLight[i], within(0.02f));
            assertThat(transparent[i]).as("pixel %d", i).isCloseTo(darkOnLight[i], within(0.02f));
        }
    }

    @Test
    void greyPaperIsStretchedToBlackBackground() {
        float[] x = preprocess(DigitDrawings.encode(
                DigitDrawings.draw(1, new Color(60, 60, 60), new Color(200, 200, 200)), "png"));
        assertThat(x[0]).isZero();
        assertThat(max(x)).isGreaterThan(0.95f);
    }

    @Test
    void jpegIsReadToo() {
        BufferedImage drawing = DigitDrawings.draw(1, Color.BLACK, Color.WHITE);
        float[] x = preprocess(DigitDrawings.encode(drawing, "jpeg"));
        assertThat(centreOfMass(x)[0]).isCloseTo(13.5, within(0.5 + 1e-6));
        assertThat(x[0]).isLessThan(0.05f);
    }

    @Test
    void blankImageIsRefused() {
        BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> MnistPreprocessor.toMnist(blank))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("blank");
    }

    @Test
    void notAnImageOrCorruptIsRefused() {
        assertThatThrownBy(() -> ImageDecoder.decode("hello".getBytes(), 2048))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("not a PNG or JPEG");
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[0], 2048)).hasMessageContaining("empty");
        byte[] png = DigitDrawings.png(1);
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        assertThatThrownBy(() -> ImageDecoder.decode(truncated, 2048))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("could not be decoded");
        byte[] gif = DigitDrawings.encode(DigitDrawings.draw(1, Color.BLACK, Color.WHITE), "gif");
        assertThatThrownBy(() -> ImageDecoder.decode(gif, 2048)).hasMessageContaining("not a PNG or JPEG");
    }

    @Test
    void imageWiderThanTheLimitIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> ImageDecoder.decode(DigitDrawings.png(1), 100))
                .isInstanceOf(ImageTooLargeException.class).hasMessageContaining("200×200");
    }

    static float max(float[] x) {
        float m = 0;
        for (float v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** x0, y0, x1, y1 (exclusive) of pixels above 0.2. */
    static int[] inkBox(float[] x) {
        int[] box = {28, 28, 0, 0};
        for (int i = 0; i < 784; i++) {
            if (x[i] > 0.2f) {
                box[0] = Math.min(box[0], i % 28);
                box[1] = Math.min(box[1], i / 28);
                box[2] = Math.max(box[2], i % 28 + 1);
                box[3] = Math.max(box[3], i / 28 + 1);
            }
        }
        return box;
    }

    static double[] centreOfMass(float[] x) {
        double m = 0, cx = 0, cy = 0;
        for (int i = 0; i < 784; i++) {
            m += x[i];
            cx += x[i] * (i % 28);
            cy += x[i] * (i / 28);
        }
        return new double[] {cx / m, cy / m};
    }
}
