package io.digitnet.models;

/** A model whose files are damaged: it is never served. */
public class CorruptModelException extends RuntimeException {

    public CorruptModelException(String id, String reason) {
        super("model '" + id + "' is corrupt and will not be served: " + reason);
    }
}
