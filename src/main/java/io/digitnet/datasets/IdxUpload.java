package io.digitnet.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * IDX images and labels from an upload (parts or zip entries), raw or gzipped (told apart by content), read into
 * bytes with the same checks as {@link IdxFiles}: magic numbers, 28×28, counts that match, no truncation, nothing
 * after the last byte.
 */
final class IdxUpload {

    private IdxUpload() {
    }

    /** Decompresses {@code in} when it starts with the gzip magic bytes; the budget counts the inflated bytes. */
    static InputStream content(InputStream in, InflationBudget budget) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, IdxContent.BUFFER);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        return budget.count(gzip ? new GZIPInputStream(buffered, IdxContent.BUFFER) : buffered);
    }

    static int[] labels(InputStream content, String where, int maxImages) throws IOException {
        DataInputStream in = new DataInputStream(content);
        try {
            expectMagic(in, IdxFiles.LABELS_MAGIC, "idx1 unsigned-byte labels", where);
            int n = count(in, where, "label count", maxImages);
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            expectEnd(in, where);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (EOFException e) {
            throw new InvalidDatasetException(where, where + ": truncated: the file ends before its header says");
        } catch (ZipException e) {
            throw new InvalidDatasetException(where, where + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    /** The images, n × 784 bytes, where n must be the labels' count. */
    static byte[] images(InputStream content, String where, int expected) throws IOException {
        DataInputStream in = new DataInputStream(content);
        try {
            expectMagic(in, IdxFiles.IMAGES_MAGIC, "idx3 unsigned-byte images", where);
            int n = count(in, where, "image count", Integer.MAX_VALUE);
            int rows = in.readInt();
            int columns = in.readInt();
            if (rows != IdxFiles.ROWS || columns != IdxFiles.COLUMNS) {
                throw new InvalidDatasetException(where, where + ": images are " + rows + "×" + columns
                        + "; expected 28×28");
            }
            if (n != expected) {
                throw new InvalidDatasetException(where, where + ": holds " + n + " images but its labels hold "
                        + expected);
            }
            byte[] pixels = new byte[n * IdxFiles.PIXELS];
            in.readFully(pixels);
            expectEnd(in, where);
            return pixels;
        } catch (EOFException e) {
            throw new InvalidDatasetException(where, where + ": truncated: the file ends before its header says");
        } catch (ZipException e) {
            throw new InvalidDatasetException(where, where + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    private static void expectMagic(DataInputStream in, int magic, String kind, String where) throws IOException {
        int actual = in.readInt();
        if (actual != magic) {
            throw new InvalidDatasetException(where, String.format("%s: bad magic number 0x%08x; expected 0x%08x (%s)",
                    where, actual, magic, kind));
        }
    }

    private static int count(DataInputStream in, String where, String what, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new UploadTooLargeException(where + ": its " + what + " " + Integer.toUnsignedString(n)
                    + " is more than the limit of " + max + " images (digitnet.datasets.uploads.max-images)");
        }
        return n;
    }

    private static void expectEnd(DataInputStream in, String where) throws IOException {
        if (in.read() >= 0) {
            throw new InvalidDatasetException(where, where + ": too long: there are bytes after the count its header "
                    + "gives");
        }
    }
}
