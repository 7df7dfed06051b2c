package io.digitnet.web;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body received into a file of the multipart folder, for bodies too large to keep in memory (dataset
 * uploads). The file is deleted by {@link #release()}; one left by a killed process is removed at the next start
 * ({@link UploadTempFiles}).
 */
final class BodySpool extends ReceivedBody {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final OutputStream out;
    private final byte[] chunk = new byte[CHUNK];
    private final List<Closeable> opened = new ArrayList<>();

    private BodySpool(Path file, long declared, long limit) throws IOException {
        super(declared, declared >= 0 ? declared : limit + 1);
        this.file = file;
        try {
            this.out = Files.newOutputStream(file);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * A new, empty file in {@code folder} for a body that declares {@code declared} bytes (−1: streamed).
     *
     * @throws WriteFailed when the file cannot be created (no space, no inodes)
     */
    static BodySpool create(Path folder, long declared, long limit) throws WriteFailed {
        try {
            Files.createDirectories(folder);
            return new BodySpool(Files.createTempFile(folder, "body-", ".spool"), declared, limit);
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    @Override
    int readAndKeep(InputStream in, long max) throws IOException {
        int n = in.read(chunk, 0, (int) Math.min(CHUNK, max));
        if (n > 0) {
            try {
                out.write(chunk, 0, n);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }
        return n;
    }

    /** The file, once every byte received is in it; closed by {@link #release()} at the latest. */
    @Override
    synchronized InputStream open() throws IOException {
        out.close();
        InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), CHUNK);
        opened.add(in);
        return in;
    }

    /** Closes the file and its readers (a deleted file's space is freed once nothing has it open) and deletes it. */
    @Override
    synchronized void release() {
        for (Closeable stream : opened) {
            try {
                stream.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        opened.clear();
        try {
            out.close();
        } catch (IOException e) {
            // deleted anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // removed at the next start (UploadTempFiles)
        }
    }

    /** The body's bytes could not be written to its file: not the client's failure, nor the connection's. */
    static final class WriteFailed extends IOException {
        WriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
