package io.digitnet.inference;

/** A request body or image beyond the configured limits. */
public class InputTooLargeException extends RuntimeException {

    public InputTooLargeException(String message) {
        super(message);
    }
}
