package io.digitnet.datasets;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * The content of one IDX file as {@link IdxFiles} reads it, decompressed when it starts with the gzip magic bytes;
 * counts the bytes it hands out so that a truncation can say how many there were.
 */
final class IdxStream implements AutoCloseable {
    private final Path file;
    private final boolean gzip;
    private final DataInputStream in;
    private long position;

    private IdxStream(Path file, boolean gzip, InputStream in) {
        this.file = file;
        this.gzip = gzip;
        this.in = new DataInputStream(in);
    }

    static IdxStream open(Path file) throws IOException {
        try {
            IdxContent.Opened opened = IdxContent.open(file);
            return new IdxStream(file, opened.gzip(), opened.content());
        } catch (ZipException | EOFException e) {
            throw new InvalidIdxFileException("IDX file " + file + ": corrupt gzip header (" + e.getMessage() + ")");
        }
    }

    void expectMagic(int magic, String kind) throws IOException {
        int actual = readHeaderInt("magic number");
        if (actual != magic) {
            throw invalid(String.format("bad magic number 0x%08x; expected 0x%08x (%s)", actual, magic, kind));
        }
    }

    int readCount(String what) throws IOException {
        int value = readHeaderInt(what);
        if (value < 0) {
            throw invalid(what + " " + Integer.toUnsignedString(value) + " is too large");
        }
        return value;
    }

    private int readHeaderInt(String what) throws IOException {
        try {
            int value = in.readInt();
            position += Integer.BYTES;
            return value;
        } catch (EOFException e) {
            throw invalid("truncated header: the file ends before its " + what);
        } catch (ZipException e) {
            throw corruptGzip(e);
        }
    }

    /** Reads exactly {@code length} bytes into the start of {@code buffer}. */
    void readBody(byte[] buffer, int length, long expectedTotal) throws IOException {
        int done = 0;
        try {
            while (done < length) {
                int read = in.read(buffer, done, length - done);
                if (read < 0) {
                    throw truncated(expectedTotal, position + done);
                }
                done += read;
            }
        } catch (EOFException e) {
            // GZIPInputStream: the compressed stream ended in the middle of a deflate block
            throw truncated(expectedTotal, position + done);
        } catch (ZipException e) {
            throw corruptGzip(e);
        }
        position += done;
    }

    /** The content must end exactly where the header says. */
    void expectEnd(long expectedTotal) throws IOException {
        long extra;
        try {
            extra = in.transferTo(OutputStream.nullOutputStream());
        } catch (EOFException e) {
            throw invalid("truncated gzip stream after its last IDX byte");
        } catch (ZipException e) {
            throw corruptGzip(e);
        }
        if (extra > 0) {
            throw invalid("too long: expected " + expectedTotal + " " + bytesKind()
                    + " bytes from its header but found "
                    + (expectedTotal + extra));
        }
    }

    private InvalidIdxFileException truncated(long expected, long actual) {
        return invalid("truncated: expected " + expected + " " + bytesKind() + " bytes from its header but found "
                + actual);
    }

    private InvalidIdxFileException corruptGzip(ZipException e) {
        return invalid("corrupt gzip data after " + position + " decompressed bytes (" + e.getMessage() + ")");
    }

    private String bytesKind() {
        return gzip ? "decompressed" : "file";
    }

    InvalidIdxFileException invalid(String problem) {
        return new InvalidIdxFileException("IDX file " + file + (gzip ? " (gzip)" : "") + ": " + problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
