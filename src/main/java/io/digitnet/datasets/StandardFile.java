package io.digitnet.datasets;

import java.util.Optional;

/** The four files of an MNIST-style dataset under their standard names; each may also be stored gzipped (.gz). */
enum StandardFile {
    TRAIN_IMAGES("train-images-idx3-ubyte"),
    TRAIN_LABELS("train-labels-idx1-ubyte"),
    TEST_IMAGES("t10k-images-idx3-ubyte"),
    TEST_LABELS("t10k-labels-idx1-ubyte");

    private final String fileName;

    StandardFile(String fileName) {
        this.fileName = fileName;
    }

    String fileName() {
        return fileName;
    }

    String gzipName() {
        return fileName + ".gz";
    }

    /** The file that {@code name} holds, raw or gzipped. */
    static Optional<StandardFile> ofName(String name) {
        for (StandardFile file : values()) {
            if (file.fileName.equals(name) || file.gzipName().equals(name)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }
}
