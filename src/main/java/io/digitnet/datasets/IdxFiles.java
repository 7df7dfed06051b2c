package io.digitnet.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * Reads IDX files (idx3 unsigned-byte images, idx1 labels; big-endian headers), raw or gzip-compressed
 * (decided by content, not by name).
 */
public final class IdxFiles {

    /** Magic number of an idx3 file of unsigned bytes: 0x00 0x00, type 0x08 (ubyte), 3 dimensions. */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an idx1 file of unsigned bytes. */
    static final int LABELS_MAGIC = 0x00000801;
    static final int ROWS = 28;
    static final int COLUMNS = 28;
    static final int PIXELS = ROWS * COLUMNS;
    static final int IMAGES_HEADER_BYTES = 16;
    static final int LABELS_HEADER_BYTES = 8;
    static final int CLASSES = 10;
    /** A FloatBuffer is int-indexed, so n·784 must fit in an int (about 2.7 million images). */
    static final int MAX_IMAGES = Integer.MAX_VALUE / PIXELS;

    private static final int CHUNK = IdxContent.BUFFER;
    /** pixel byte → value in [0, 1]; a table lookup is cheaper than a division per pixel. */
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < SCALE.length; i++) {
            SCALE[i] = i / 255f;
        }
    }

    private IdxFiles() {
    }

    /**
     * Images as [n, 784] float32 in [0, 1] and labels 0..9; validates magic numbers, counts, 28×28 dimensions and
     * the label range. @throws InvalidIdxFileException naming the file and what is wrong
     * (an I/O failure such as a missing file is an {@link UncheckedIOException})
     */
    public static LabeledImages read(Path imagesFile, Path labelsFile) {
        return read(imagesFile, labelsFile, CLASSES);
    }

    /** As {@link #read(Path, Path)}, with labels 0..classes-1. */
    public static LabeledImages read(Path imagesFile, Path labelsFile, int classes) {
        // Labels first: they are small, and their count (backed by real bytes) bounds the images allocation, so a
        // header that lies about its size cannot make us allocate gigabytes before the truncation shows.
        int[] labels = readLabels(labelsFile, classes);
        INDArray images = readImages(imagesFile, labels.length);
        return new LabeledImages(images, labels);
    }

    /** The label count in an idx1 file's header; the labels themselves are not read. */
    static int labelCount(Path file) {
        try (IdxStream in = IdxStream.open(file)) {
            in.expectMagic(LABELS_MAGIC, "idx1 unsigned-byte labels");
            return in.readCount("label count");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Labels 0..9 of an idx1 file. */
    static int[] readLabels(Path file) {
        return readLabels(file, CLASSES);
    }

    /** Labels 0..classes-1 of an idx1 file. */
    static int[] readLabels(Path file, int classes) {
        try (IdxStream in = IdxStream.open(file)) {
            in.expectMagic(LABELS_MAGIC, "idx1 unsigned-byte labels");
            int n = in.readCount("label count");
            if (n > MAX_IMAGES) {
                throw in.invalid("declares " + n + " labels; at most " + MAX_IMAGES + " are supported");
            }
            long expected = LABELS_HEADER_BYTES + (long) n;
            byte[] bytes = new byte[n];
            in.readBody(bytes, n, expected);
            in.expectEnd(expected);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int label = bytes[i] & 0xFF;
                if (label >= classes) {
                    throw in.invalid("label " + label + " at index " + i + " is outside 0.." + (classes - 1));
                }
                labels[i] = label;
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Images of an idx3 file as [n, 784] c-order float32, n having to equal {@code expectedCount}. */
    static INDArray readImages(Path file, int expectedCount) {
        try (IdxStream in = IdxStream.open(file)) {
            in.expectMagic(IMAGES_MAGIC, "idx3 unsigned-byte images");
            int n = in.readCount("image count");
            int rows = in.readCount("row count");
            int columns = in.readCount("column count");
            if (rows != ROWS || columns != COLUMNS) {
                throw in.invalid("images are " + rows + "×" + columns + "; expected " + ROWS + "×" + COLUMNS);
            }
            if (n != expectedCount) {
                throw in.invalid("holds " + n + " images but the labels file holds " + expectedCount + " labels");
            }
            long expected = IMAGES_HEADER_BYTES + (long) n * PIXELS;
            INDArray images;
            // detached: a dataset outlives any workspace its first caller may be running in
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                images = Nd4j.createUninitialized(DataType.FLOAT, n, PIXELS);   // [n, 784], c-order
            }
            // Fill the off-heap buffer directly: no float[] copy on the heap and no per-element ND4J calls.
            FloatBuffer target = images.data().asNioFloat();
            byte[] pixels = new byte[CHUNK];
            float[] values = new float[CHUNK];
            long remaining = (long) n * PIXELS;
            while (remaining > 0) {
                int length = (int) Math.min(CHUNK, remaining);
                in.readBody(pixels, length, expected);
                for (int i = 0; i < length; i++) {
                    values[i] = SCALE[pixels[i] & 0xFF];
                }
                target.put(values, 0, length);   // one bulk copy per chunk
                remaining -= length;
            }
            in.expectEnd(expected);
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }
}
