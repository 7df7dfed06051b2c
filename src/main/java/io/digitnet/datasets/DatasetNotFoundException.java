package io.digitnet.datasets;

/** A request for a dataset (or one of its images) that does not exist: 404, unlike a bad name in a job (400). */
public class DatasetNotFoundException extends RuntimeException {

    public DatasetNotFoundException(String message) {
        super(message);
    }
}
