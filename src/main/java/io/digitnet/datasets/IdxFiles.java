package io.digitnet.datasets;

import java.nio.file.Path;

/**
 * Reads IDX files (idx3 unsigned-byte images, idx1 labels; big-endian headers), raw or gzip-compressed
 * (decided by content, not by name).
 *
 * <p>CONTRACT (skeleton): the datasets implementation fills in the body.
 */
public final class IdxFiles {

    private IdxFiles() {
    }

    /**
     * Images as [n, 784] float32 in [0, 1] and labels 0..9; validates magic numbers, counts, 28×28 dimensions and
     * the label range. @throws InvalidIdxFileException naming the file and what is wrong
     */
    public static LabeledImages read(Path imagesFile, Path labelsFile) {
        throw new UnsupportedOperationException("skeleton");
    }
}
