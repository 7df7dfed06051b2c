package io.digitnet.datasets;

/** A known dataset whose files are missing, corrupt, or could not be obtained; the message says how to fix it. */
public class DatasetUnavailableException extends RuntimeException {

    public DatasetUnavailableException(String message) {
        super(message);
    }

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
