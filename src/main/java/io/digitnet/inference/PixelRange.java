package io.digitnet.inference;

import java.util.Locale;

/** How the client encodes pixel intensities; the network always sees [0, 1]. */
public enum PixelRange {
    /** Values in [0, 1], as the network was trained. */
    UNIT(1f),
    /** Values in [0, 255], scaled by 1/255. */
    BYTE(255f);

    private final float max;

    PixelRange(float max) {
        this.max = max;
    }

    public float max() {
        return max;
    }

    /** The JSON spelling: "unit" or "byte". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException naming the allowed values */
    public static PixelRange parse(String value) {
        for (PixelRange range : values()) {
            if (range.jsonName().equals(value)) {
                return range;
            }
        }
        throw new InvalidInputException("pixelRange must be \"unit\" (values in [0, 1]) or \"byte\" (values in [0, 255]), not \""
                + value + "\"");
    }
}
