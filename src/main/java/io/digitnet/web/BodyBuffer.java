package io.digitnet.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A request body received into memory. Grows as bytes come, so a client that declares a large body and sends nothing
 * makes it allocate nothing large.
 */
final class BodyBuffer extends ReceivedBody {

    private static final int FIRST_CAPACITY = 16 * 1024;

    private byte[] bytes;

    /** @param declared the Content-Length, or −1 for a streamed body */
    BodyBuffer(long declared, long limit) {
        super(declared, declared >= 0 ? declared : Math.min(limit + 1, Integer.MAX_VALUE - 16));
        this.bytes = new byte[(int) Math.min(declared >= 0 ? declared : limit + 1, FIRST_CAPACITY)];
    }

    @Override
    int readAndKeep(InputStream in, long max) throws IOException {
        int size = (int) size();
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(size + max, 2L * bytes.length));
        }
        return in.read(bytes, size, bytes.length - size);
    }

    /** The bytes; {@link ByteArrayInputStream} copies them out in one piece ({@code readAllBytes}). */
    @Override
    InputStream open() {
        return new ByteArrayInputStream(bytes, 0, (int) size());
    }

    @Override
    void release() {
        // the garbage collector's
    }
}
