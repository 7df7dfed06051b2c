package io.digitnet.nn;

import io.digitnet.datasets.IdxFiles;
import io.digitnet.datasets.LabeledImages;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real MNIST from {@code data/datasets/mnist/} (raw or .gz), as the tests and the benchmark read it. */
public final class MnistFiles {

    public static final Path DEFAULT_DIR = Path.of("data", "datasets", "mnist");

    private MnistFiles() {
    }

    public static LabeledData train(Path dir) {
        return read(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    }

    public static LabeledData test(Path dir) {
        return read(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    }

    private static LabeledData read(Path dir, String images, String labels) {
        LabeledImages data = IdxFiles.read(existing(dir, images), existing(dir, labels));
        return new LabeledData(data.images(), data.labels());
    }

    private static Path existing(Path dir, String name) {
        Path raw = dir.resolve(name);
        return Files.exists(raw) ? raw : dir.resolve(name + ".gz");
    }
}
