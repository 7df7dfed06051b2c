package io.digitnet.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A request body received into memory. Grows as bytes come, so a client that declares a large body and sends nothing
 * makes it allocate nothing large.
 */
final class BodyBuffer implements ReceivedBody {

    private static final int FIRST_CAPACITY = 16 * 1024;

    private final long declared;
    private final long keep;
    private byte[] bytes;
    private int size;
    private boolean ended;

    /** @param declared the Content-Length, or −1 for a streamed body */
    BodyBuffer(long declared, long limit) {
        this.declared = declared;
        this.keep = declared >= 0 ? declared : Math.min(limit + 1, Integer.MAX_VALUE - 16);
        this.bytes = new byte[(int) Math.min(keep, FIRST_CAPACITY)];
    }

    @Override
    public boolean readFrom(InputStream in) throws IOException {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(keep, 2L * bytes.length));
        }
        int n = in.read(bytes, size, bytes.length - size);
        if (n < 0) {
            ended = true;
            return false;
        }
        size += n;
        return n > 0;
    }

    @Override
    public boolean done() {
        return ended || size >= keep;
    }

    @Override
    public boolean truncated() {
        return declared >= 0 && size < declared;
    }

    @Override
    public long size() {
        return size;
    }

    /** The bytes; {@link ByteArrayInputStream} copies them out in one piece ({@code readAllBytes}). */
    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes, 0, size);
    }

    @Override
    public void release() {
        // the garbage collector's
    }
}
