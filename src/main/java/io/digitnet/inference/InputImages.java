package io.digitnet.inference;

/**
 * Images as the network takes them, checked and scaled: {@code rows} images of {@link #PIXELS} values in [0, 1].
 * Each factory validates in one pass (count, finiteness, range) and names the offending instance and index.
 */
public final class InputImages {

    /** 28 × 28. */
    public static final int PIXELS = 784;

    /** [rows × PIXELS], row-major. */
    private final float[] x;
    private final int rows;

    private InputImages(float[] x, int rows) {
        this.x = x;
        this.rows = rows;
    }

    /** One image, {@code pixels} [784]; values are scaled in place when {@code range} is BYTE. */
    public static InputImages single(float[] pixels, PixelRange range) {
        if (pixels.length != PIXELS) {
            throw new InvalidInputException(countMessage("pixels", pixels.length));
        }
        checkAndScale(pixels, 0, range, null, -1);
        return new InputImages(pixels, 1);
    }

    /** A batch, {@code instances} [rows][784], copied into one row-major array for a single forward pass. */
    public static InputImages batch(float[][] instances, PixelRange range, int maxBatch) {
        checkBatchSize("instances", instances.length, maxBatch);
        float[] x = new float[instances.length * PIXELS];
        for (int i = 0; i < instances.length; i++) {
            float[] image = instances[i];
            if (image.length != PIXELS) {
                throw new InvalidInputException(countMessage("instances[" + i + "]", image.length));
            }
            System.arraycopy(image, 0, x, i * PIXELS, PIXELS);
            checkAndScale(x, i * PIXELS, range, "instances", i);
        }
        return new InputImages(x, instances.length);
    }

    /**
     * A batch already laid out row-major (the V2 protocol's flat {@code data}), {@code data} [rows × 784]; values are
     * scaled in place when {@code range} is BYTE.
     */
    public static InputImages flat(float[] data, int rows, PixelRange range, int maxBatch) {
        checkBatchSize("the batch", rows, maxBatch);
        if ((long) rows * PIXELS != data.length) {
            throw new InvalidInputException("data has " + data.length + " values; " + rows + " images of " + PIXELS
                    + " need " + (long) rows * PIXELS);
        }
        for (int i = 0; i < rows; i++) {
            checkAndScale(data, i * PIXELS, range, "data", i);
        }
        return new InputImages(data, rows);
    }

    /** [rows × PIXELS], row-major; do not modify. */
    public float[] values() {
        return x;
    }

    public int rows() {
        return rows;
    }

    private static void checkBatchSize(String name, int rows, int maxBatch) {
        if (rows == 0) {
            throw new InvalidInputException(name + " is empty: send at least one image");
        }
        if (rows > maxBatch) {
            throw new InvalidInputException(name + " has " + rows + " images; at most " + maxBatch
                    + " are allowed per request");
        }
    }

    private static String countMessage(String name, int count) {
        return name + " has " + count + " values; an image needs exactly " + PIXELS + " (28×28, row by row)";
    }

    /** One pass over one image at {@code offset}: finite, in range, then scaled to [0, 1]. */
    private static void checkAndScale(float[] x, int offset, PixelRange range, String batchName, int instance) {
        float max = range.max();
        for (int i = 0; i < PIXELS; i++) {
            float v = x[offset + i];
            // written so that NaN fails too
            if (!(v >= 0f && v <= max)) {
                throw new InvalidInputException(valueMessage(v, range, batchName, instance, i));
            }
        }
        if (range == PixelRange.BYTE) {
            for (int i = offset; i < offset + PIXELS; i++) {
                x[i] = x[i] / 255f;
            }
        }
    }

    private static String valueMessage(float v, PixelRange range, String batchName, int instance, int index) {
        String where;
        if (batchName == null) {
            where = "pixels[" + index + "]";
        } else if (batchName.equals("data")) {
            where = "data[" + ((long) instance * PIXELS + index) + "] (image " + instance + ", pixel " + index + ")";
        } else {
            where = batchName + "[" + instance + "][" + index + "]";
        }
        if (!Float.isFinite(v)) {
            return where + " is not a finite number (" + v + ")";
        }
        String hint = range == PixelRange.UNIT && v <= 255f ? "; send \"pixelRange\":\"byte\" for values in [0, 255]" : "";
        return where + " is " + v + ", outside the " + range.jsonName() + " range [0, " + (int) range.max() + "]" + hint;
    }
}
