package io.digitnet.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body as {@link BodyDeadlineFilter} receives it, a read at a time as bytes arrive: in memory
 * ({@link BodyBuffer}) or spooled to a file ({@link BodySpool}). A declared length is read exactly; a streamed
 * (chunked) body up to its end or to one byte past its limit, where reading stops so that the limit further on
 * answers 413.
 */
sealed interface ReceivedBody permits BodyBuffer, BodySpool {

    /**
     * One read from {@code in}; call only when a read cannot block.
     *
     * @return false at the end of the stream, or when no byte was there after all
     * @throws BodySpool.WriteFailed when the bytes read could not be kept (the spool's disk is full)
     */
    boolean readFrom(InputStream in) throws IOException;

    /** Every declared byte came, the stream ended, or more than the limit came. */
    boolean done();

    /** Whether the body is shorter than it declared (the client closed early). */
    boolean truncated();

    /** The bytes received so far. */
    long size();

    /** The bytes received, from the first; each call starts again. */
    InputStream open() throws IOException;

    /** Lets go of what the body holds (its spooled file); may be called more than once. */
    void release();
}
