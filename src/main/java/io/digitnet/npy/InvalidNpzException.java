package io.digitnet.npy;

/** An .npz that numpy could not have written, or whose arrays are not what a model needs. */
public class InvalidNpzException extends RuntimeException {

    public InvalidNpzException(String message) {
        super(message);
    }
}
