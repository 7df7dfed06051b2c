package io.digitnet.datasets;

/** An image wider or taller than allowed, found before any pixel was decoded. */
public class ImageTooLargeException extends RuntimeException {

    public ImageTooLargeException(String message) {
        super(message);
    }
}
