package io.digitnet.datasets;

/** A dataset that cannot be deleted now: built in, or used by jobs or aliased models. */
public class DatasetInUseException extends RuntimeException {

    public DatasetInUseException(String message) {
        super(message);
    }
}
