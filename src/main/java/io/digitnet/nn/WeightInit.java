package io.digitnet.nn;

import com.fasterxml.jackson.annotation.JsonValue;

/** How weights are drawn before training; biases always start at zero. */
public enum WeightInit {
    /** Gaussian times 0.01, as in the notebook. */
    STD,
    /** Gaussian with standard deviation sqrt(1 / fanIn). */
    XAVIER,
    /** Gaussian with standard deviation sqrt(2 / fanIn). */
    HE;

    /** The standard deviation of the Gaussian for a layer with {@code fanIn} inputs. */
    public double standardDeviation(int fanIn) {
        return switch (this) {
            case STD -> 0.01;
            case XAVIER -> Math.sqrt(1.0 / fanIn);
            case HE -> Math.sqrt(2.0 / fanIn);
        };
    }

    /** The name in JSON, the API and stored files ("std", "xavier", "he"); Jackson reads it back by it too. */
    @JsonValue
    public String id() {
        return Names.of(this);
    }

    /**
     * The constant named {@code id}, in any case.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static WeightInit of(String id) {
        return Names.parse(WeightInit.class, id);
    }
}
