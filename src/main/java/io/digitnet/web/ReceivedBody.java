package io.digitnet.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body as {@link BodyDeadlineFilter} receives it, a read at a time as bytes arrive: in memory
 * ({@link BodyBuffer}) or spooled to a file ({@link BodySpool}). A declared length is read exactly; a streamed
 * (chunked) body up to its end or to one byte past its limit, where reading stops so that the limit further on
 * answers 413. This class counts; its subclasses keep the bytes.
 */
abstract sealed class ReceivedBody permits BodyBuffer, BodySpool {

    private final long declared;
    private final long keep;
    private long size;
    private boolean ended;

    /**
     * @param declared the Content-Length, or −1 for a streamed body
     * @param keep     how many bytes to take at most: the declared length, or one past the limit
     */
    ReceivedBody(long declared, long keep) {
        this.declared = declared;
        this.keep = keep;
    }

    /**
     * One read from {@code in}; call only when a read cannot block.
     *
     * @return false at the end of the stream, or when no byte was there after all
     * @throws BodySpool.WriteFailed when the bytes read could not be kept (the spool's disk is full)
     */
    final boolean readFrom(InputStream in) throws IOException {
        int n = readAndKeep(in, keep - size);
        if (n < 0) {
            ended = true;
            return false;
        }
        size += n;
        return n > 0;
    }

    /** One read of at most {@code max} (> 0) bytes from {@code in}, kept; returns what the read returned. */
    abstract int readAndKeep(InputStream in, long max) throws IOException;

    /** Every declared byte came, the stream ended, or more than the limit came. */
    final boolean done() {
        return ended || size >= keep;
    }

    /** Whether the body is shorter than it declared (the client closed early). */
    final boolean truncated() {
        return declared >= 0 && size < declared;
    }

    /** The bytes received so far. */
    final long size() {
        return size;
    }

    /** The bytes received, from the first; each call starts again. */
    abstract InputStream open() throws IOException;

    /** Lets go of what the body holds (its spooled file); may be called more than once. */
    abstract void release();
}
