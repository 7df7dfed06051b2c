package io.digitnet.inference;

/** The default model ({@code latest}) was asked for, but no model has been trained or imported yet. */
public class NoModelYetException extends RuntimeException {

    public NoModelYetException() {
        super("there is no model to serve yet: train one (POST /jobs) or import one (POST /models) first");
    }
}
