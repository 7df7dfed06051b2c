package io.digitnet.datasets;

/**
 * Separable image resizing on float pixels: area averaging when shrinking (every source pixel counts by the area it
 * covers, so thin strokes don't vanish), bilinear interpolation when enlarging.
 */
final class Resampling {

    private Resampling() {
    }

    /**
     * Resizes the region {@code (x0, y0, w, h)} of {@code src} (row stride {@code stride}) to {@code tw × th}.
     *
     * @return [th × tw], row-major
     */
    static float[] resize(float[] src, int stride, int x0, int y0, int w, int h, int tw, int th) {
        Weights wx = Weights.of(w, tw);
        Weights wy = Weights.of(h, th);
        float[] rows = new float[h * tw]; // horizontal pass: [h × tw]
        for (int y = 0; y < h; y++) {
            int base = (y0 + y) * stride + x0;
            for (int tx = 0; tx < tw; tx++) {
                float sum = 0f;
                for (int k = wx.start[tx]; k < wx.start[tx + 1]; k++) {
                    sum += wx.weight[k] * src[base + wx.index[k]];
                }
                rows[y * tw + tx] = sum;
            }
        }
        float[] out = new float[th * tw]; // vertical pass
        for (int ty = 0; ty < th; ty++) {
            for (int tx = 0; tx < tw; tx++) {
                float sum = 0f;
                for (int k = wy.start[ty]; k < wy.start[ty + 1]; k++) {
                    sum += wy.weight[k] * rows[wy.index[k] * tw + tx];
                }
                out[ty * tw + tx] = Math.min(1f, Math.max(0f, sum));
            }
        }
        return out;
    }

    /**
     * For each target index t, the source indices {@code index[start[t] .. start[t+1])} and their weights (summing to
     * 1).
     */
    private record Weights(int[] start, int[] index, float[] weight) {

        static Weights of(int n, int m) {
            return m <= n ? area(n, m) : bilinear(n, m);
        }

        /** Target pixel t covers source [t·n/m, (t+1)·n/m). */
        private static Weights area(int n, int m) {
            double step = (double) n / m;
            int[] start = new int[m + 1];
            int[] index = new int[m * ((int) Math.ceil(step) + 1)];
            float[] weight = new float[index.length];
            int k = 0;
            for (int t = 0; t < m; t++) {
                start[t] = k;
                double lo = t * step;
                double hi = Math.min(n, (t + 1) * step);
                for (int s = (int) Math.floor(lo); s < hi; s++) {
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    if (overlap > 1e-9) {
                        index[k] = s;
                        weight[k++] = (float) (overlap / step);
                    }
                }
            }
            start[m] = k;
            return new Weights(start, index, weight);
        }

        /** Pixel centres aligned: target centre t + 0.5 maps to source (t + 0.5)·n/m. */
        private static Weights bilinear(int n, int m) {
            int[] start = new int[m + 1];
            int[] index = new int[2 * m];
            float[] weight = new float[2 * m];
            int k = 0;
            for (int t = 0; t < m; t++) {
                start[t] = k;
                double c = Math.max(0, Math.min(n - 1, (t + 0.5) * n / m - 0.5));
                int s = (int) Math.floor(c);
                double f = c - s;
                index[k] = s;
                weight[k++] = (float) (1 - f);
                if (s + 1 < n) {
                    index[k] = s + 1;
                    weight[k++] = (float) f;
                } else {
                    weight[k - 1] = 1f;
                }
            }
            start[m] = k;
            return new Weights(start, index, weight);
        }
    }
}
