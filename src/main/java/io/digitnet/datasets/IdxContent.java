package io.digitnet.datasets;

import io.digitnet.files.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The content of an IDX file stored raw or gzipped, told apart by the gzip magic bytes 1f 8b, never by name. */
final class IdxContent {

    static final int BUFFER = 1 << 16;

    private IdxContent() {
    }

    /** An open file's decompressed content. */
    record Opened(InputStream content, boolean gzip) {
    }

    static Opened open(Path file) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            boolean gzip = isGzip(raw);
            return new Opened(gzip ? new GZIPInputStream(raw, BUFFER) : raw, gzip);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static boolean isGzip(Path file) throws IOException {
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 2)) {
            return isGzip(in);
        }
    }

    /**
     * SHA-256 (lower-case hex) of the decompressed content, so that a raw copy and a gzipped one from any mirror
     * (whatever its compression level or gzip header) give the same value.
     */
    static String sha256(Path file) throws IOException {
        try (InputStream content = open(file).content()) {
            return Sha256.of(content);
        }
    }

    /** SHA-256 of the file's bytes as they are (for archives). */
    static String sha256OfBytes(Path file) throws IOException {
        return Sha256.of(file);
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
    }
}
