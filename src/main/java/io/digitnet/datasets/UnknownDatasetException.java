package io.digitnet.datasets;

/** A dataset name that the catalog does not know. */
public class UnknownDatasetException extends RuntimeException {

    public UnknownDatasetException(String name, java.util.Collection<String> known) {
        super("unknown dataset '" + name + "'; known datasets: " + String.join(", ", known));
    }
}
