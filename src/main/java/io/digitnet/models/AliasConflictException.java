package io.digitnet.models;

/** An alias change that contradicts the current aliases (e.g. removing an alias through a model it does not name). */
public class AliasConflictException extends RuntimeException {

    public AliasConflictException(String message) {
        super(message);
    }
}
