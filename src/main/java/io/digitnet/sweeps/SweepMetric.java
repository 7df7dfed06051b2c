package io.digitnet.sweeps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a sweep ranks its trials by. */
public enum SweepMetric {

    /** Accuracy on the test set; higher is better. */
    TEST_ACCURACY("testAccuracy", true),
    /** Loss on the validation part that early stopping holds out; lower is better. */
    VALIDATION_LOSS("validationLoss", false);

    private final String jsonName;
    private final boolean higherIsBetter;

    SweepMetric(String jsonName, boolean higherIsBetter) {
        this.jsonName = jsonName;
        this.higherIsBetter = higherIsBetter;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static SweepMetric of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown metric " + name));
    }

    static Optional<SweepMetric> find(String name) {
        return Arrays.stream(values()).filter(m -> m.jsonName.equalsIgnoreCase(name)).findFirst();
    }

    /** Negative when {@code a} is better than {@code b}: sorts best first. */
    public int compare(double a, double b) {
        return higherIsBetter ? Double.compare(b, a) : Double.compare(a, b);
    }
}
