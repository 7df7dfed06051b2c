package io.digitnet.models;

/** A model id or alias that is not well-formed (and so never reaches the file system). */
public class InvalidModelReferenceException extends RuntimeException {

    public InvalidModelReferenceException(String message) {
        super(message);
    }
}
