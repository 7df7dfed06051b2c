package io.digitnet.inference;

import io.digitnet.models.ModelMetadata;
import java.util.List;
import java.util.stream.IntStream;

/** The names of a model's classes, by output index, for answers that name classes (V2 classification). */
public final class ClassLabels {

    private static final List<String> DIGITS = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassLabels() {
    }

    /**
     * The class names of the dataset the model was trained on: digits for MNIST, the garments for Fashion-MNIST;
     * the index itself for any other dataset.
     */
    public static List<String> of(ModelMetadata model, int classes) {
        List<String> known = switch (String.valueOf(model.dataset())) {
            case "mnist" -> DIGITS;
            case "fashion-mnist" -> FASHION;
            default -> List.of();
        };
        if (known.size() == classes) {
            return known;
        }
        return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }
}
