package io.digitnet.datasets;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** The names of a dataset's classes, in label order: what label k means. */
public final class ClassNames {

    /** Fashion-MNIST's labels 0..9, as Zalando's README names them. */
    static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Fewer makes no classifier; more than this is refused (EMNIST Balanced has 47, Letters 26). */
    public static final int MIN = 2;
    public static final int MAX = 100;

    private ClassNames() {
    }

    /** "0", "1", … "n-1": the names of classes nobody named (and MNIST's digits). */
    public static List<String> numbered(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    /** The class names of a built-in dataset, without loading it. */
    public static Optional<List<String>> builtIn(String dataset) {
        if (BuiltInDatasets.MNIST.equals(dataset)) {
            return Optional.of(numbered(10));
        }
        if (BuiltInDatasets.FASHION_MNIST.equals(dataset)) {
            return Optional.of(FASHION_MNIST);
        }
        return Optional.empty();
    }
}
