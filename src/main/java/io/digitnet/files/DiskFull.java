package io.digitnet.files;

import java.io.IOException;

/**
 * Tells a write that failed because the filesystem is full from other I/O failures. The JDK has no exception type for
 * it: ENOSPC ("No space left on device") and EDQUOT ("Disk quota exceeded") arrive as a plain {@link IOException}
 * carrying the operating system's message, often wrapped (in an {@code UncheckedIOException}, a multipart error).
 */
public final class DiskFull {

    private static final String[] MESSAGES = {"No space left on device", "Disk quota exceeded"};
    /** Cause chains are short; a bound guards against a cycle. */
    private static final int MAX_DEPTH = 16;

    private DiskFull() {
    }

    /** Whether {@code failure}, or one of its causes, is a full filesystem. */
    public static boolean isCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) {
                for (String message : MESSAGES) {
                    if (t.getMessage().contains(message)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
