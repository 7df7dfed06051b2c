package io.digitnet.npy;

/**
 * Decides from an entry's .npy header alone whether its array may be read: called before a byte of its data is
 * inflated, so that a small archive whose header declares a huge array (a decompression bomb) is refused at once.
 */
@FunctionalInterface
public interface ShapeCheck {

    /**
     * @param name  the array's name (the entry's name without {@code .npy})
     * @param shape the declared shape
     * @throws InvalidNpzException when the array is not acceptable, saying why
     */
    void check(String name, long[] shape);

    /** Accepts any shape (within the reader's own overall limit): for the service's own files. */
    ShapeCheck ANY = (name, shape) -> { };
}
