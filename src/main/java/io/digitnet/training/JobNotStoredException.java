package io.digitnet.training;

/** A new job could not be written to disk (a full disk, say): it is refused and not listed (answered 507). */
public class JobNotStoredException extends RuntimeException {

    public JobNotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
