package io.digitnet.training;

/** No job with this id. */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(String id) {
        super("no job with id '" + id + "'");
    }
}
