package io.digitnet.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A request body as it arrives: a declared length is read exactly; a streamed (chunked) body up to its end or to one
 * byte past {@code limit}, where reading stops so that the limit further on answers 413. Grows as bytes come, so a
 * client that declares a large body and sends nothing makes it allocate nothing large.
 */
final class BodyBuffer {

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

    /**
     * One read from {@code in} into the buffer; call only when a read cannot block.
     *
     * @return false at the end of the stream, or when no byte was there after all
     */
    boolean readFrom(InputStream in) throws IOException {
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

    /** Every declared byte came, the stream ended, or more than the limit came. */
    boolean done() {
        return ended || size >= keep;
    }

    /** Whether the body is shorter than it declared (the client closed early). */
    boolean truncated() {
        return declared >= 0 && size < declared;
    }

    int size() {
        return size;
    }

    byte[] bytes() {
        return bytes;
    }
}
