package io.digitnet.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputImagesTests {

    private static float[] image(float value) {
        float[] x = new float[InputImages.PIXELS];
        Arrays.fill(x, value);
        return x;
    }

    @Test
    void singleImageIsKeptAsItIs() {
        float[] x = image(0.25f);
        InputImages images = InputImages.single(x, PixelRange.UNIT);
        assertThat(images.rows()).isEqualTo(1);
        assertThat(images.values()).containsOnly(0.25f);
    }

    @Test
    void byteRangeIsScaledTo0To1() {
        float[] x = image(0f);
        x[0] = 255f;
        x[1] = 51f;
        InputImages images = InputImages.single(x, PixelRange.BYTE);
        assertThat(images.values()[0]).isEqualTo(1f);
        assertThat(images.values()[1]).isEqualTo(51f / 255f);
    }

    @Test
    void batchIsLaidOutRowMajor() {
        float[][] instances = {image(0.1f), image(0.9f), image(0.5f)};
        InputImages images = InputImages.batch(instances, PixelRange.UNIT, 1000);
        assertThat(images.rows()).isEqualTo(3);
        assertThat(images.values()).hasSize(3 * 784);
        assertThat(images.values()[783]).isEqualTo(0.1f);
        assertThat(images.values()[784]).isEqualTo(0.9f);
        assertThat(images.values()[2 * 784]).isEqualTo(0.5f);
    }

    @Test
    void wrongCountSaysHowManyCame() {
        assertThatThrownBy(() -> InputImages.single(new float[783], PixelRange.UNIT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pixels has 783 values").hasMessageContaining("784");
        float[][] instances = {image(0f), new float[785]};
        assertThatThrownBy(() -> InputImages.batch(instances, PixelRange.UNIT, 1000))
                .hasMessageContaining("instances[1] has 785 values");
    }

    @Test
    void valueOutOfRangeNamesInstanceAndIndex() {
        float[] x = image(0f);
        x[17] = 1.5f;
        assertThatThrownBy(() -> InputImages.single(x, PixelRange.UNIT))
                .hasMessageContaining("pixels[17] is 1.5").hasMessageContaining("[0, 1]")
                .hasMessageContaining("\"byte\"");
        float[] y = image(0f);
        y[300] = -0.01f;
        float[][] instances = {image(0f), image(0f), y};
        assertThatThrownBy(() -> InputImages.batch(instances, PixelRange.UNIT, 1000))
                .hasMessageContaining("instances[2][300] is -0.01");
        float[] z = image(0f);
        z[5] = 256f;
        assertThatThrownBy(() -> InputImages.single(z, PixelRange.BYTE))
                .hasMessageContaining("pixels[5] is 256.0, outside the byte range [0, 255]");
    }

    @Test
    void nonFiniteValuesAreRejected() {
        float[] x = image(0f);
        x[3] = Float.NaN;
        assertThatThrownBy(() -> InputImages.single(x, PixelRange.UNIT))
                .hasMessageContaining("pixels[3] is not a finite number (NaN)");
        float[] y = image(0f);
        y[9] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> InputImages.single(y, PixelRange.BYTE))
                .hasMessageContaining("pixels[9] is not a finite number (Infinity)");
    }

    @Test
    void batchSizeIsChecked() {
        assertThatThrownBy(() -> InputImages.batch(new float[0][], PixelRange.UNIT, 1000))
                .hasMessageContaining("instances is empty");
        float[][] three = {image(0f), image(0f), image(0f)};
        assertThatThrownBy(() -> InputImages.batch(three, PixelRange.UNIT, 2))
                .hasMessageContaining("instances has 3 images; at most 2");
    }

    @Test
    void flatDataMustMatchItsRowCount() {
        assertThatThrownBy(() -> InputImages.flat(new float[784 * 2 - 1], 2, PixelRange.UNIT, 1000))
                .hasMessageContaining("data has 1567 values; 2 images of 784 need 1568");
        float[] data = new float[784 * 2];
        data[784 + 10] = 2f;
        assertThatThrownBy(() -> InputImages.flat(data, 2, PixelRange.UNIT, 1000))
                .hasMessageContaining("data[794] (image 1, pixel 10) is 2.0");
    }
}
