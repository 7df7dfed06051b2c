package io.digitnet.datasets;

/** An upload under a name that a dataset already has. */
public class DuplicateDatasetException extends InvalidDatasetException {

    public DuplicateDatasetException(String name) {
        super("name", "a dataset called '" + name + "' already exists; choose another name (or delete it first)");
    }
}
