package io.digitnet.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The lower-case names by which the configuration enums ({@link Activation}, {@link OptimizerType},
 * {@link WeightInit}, {@link TrainMetrics}) appear in JSON, the API and stored files: {@code RELU} is "relu".
 */
public final class Names {

    private Names() {
    }

    /** "relu" for {@code RELU}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Every name of {@code type}, in declaration order. */
    public static <E extends Enum<E>> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Names::of).toList();
    }

    /**
     * The constant named {@code name}, in any case and with surrounding blanks ignored.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        String wanted = name == null ? "" : name.strip();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of: " + String.join(", ", all(type)));
    }
}
