package io.digitnet.inference;

/** Input that cannot be predicted; the message says exactly what is wrong and where. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
