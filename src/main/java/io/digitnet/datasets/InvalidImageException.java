package io.digitnet.datasets;

/** An image that cannot be read or shows nothing; the message says why. */
public class InvalidImageException extends RuntimeException {

    public InvalidImageException(String message) {
        super(message);
    }
}
