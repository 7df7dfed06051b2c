package io.digitnet.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResamplingTests {

    @Test
    void areaAveragingKeepsTheMean() {
        // a 4×4 checkerboard halves to four pixels of exactly 0.5
        float[] board = new float[16];
        for (int i = 0; i < 16; i++) {
            board[i] = ((i / 4) + (i % 4)) % 2;
        }
        assertThat(Resampling.resize(board, 4, 0, 0, 4, 4, 2, 2)).containsExactly(0.5f, 0.5f, 0.5f, 0.5f);
    }

    @Test
    void areaAveragingWithFractionalCoverage() {
        // 3 pixels [0, 1, 0] into 2: each target covers 1.5 source pixels
        float[] row = {0f, 1f, 0f};
        float[] out = Resampling.resize(row, 3, 0, 0, 3, 1, 2, 1);
        assertThat(out[0]).isCloseTo(1f / 3, within(1e-6f));
        assertThat(out[1]).isCloseTo(1f / 3, within(1e-6f));
    }

    @Test
    void resizesOnlyTheRegionAsked() {
        float[] image = new float[10 * 10];
        Arrays.fill(image, 1f);
        image[0] = 0f; // outside the region (2, 2, 4, 4)
        float[] out = Resampling.resize(image, 10, 2, 2, 4, 4, 20, 20);
        assertThat(out).hasSize(400).containsOnly(1f);
    }

    @Test
    void bilinearEnlargementInterpolates() {
        float[] row = {0f, 1f};
        float[] out = Resampling.resize(row, 2, 0, 0, 2, 1, 4, 1);
        // target centres at source 0.25-0.5=-0.25→0 (clamped), 0.25, 0.75, 1.25→1 (clamped)
        assertThat(out[0]).isZero();
        assertThat(out[1]).isCloseTo(0.25f, within(1e-6f));
        assertThat(out[2]).isCloseTo(0.75f, within(1e-6f));
        assertThat(out[3]).isEqualTo(1f);
    }
}
