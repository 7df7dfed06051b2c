package io.digitnet.sweeps;

/** The sweep has already ended. */
public class SweepNotCancellableException extends RuntimeException {

    public SweepNotCancellableException(String id, SweepStatus status) {
        super("sweep '" + id + "' has already ended (" + status + ")");
    }
}
