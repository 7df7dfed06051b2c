package io.digitnet.models;

/** 'latest' was asked for, but there is no servable model at all yet. */
public class NoModelsException extends RuntimeException {

    public NoModelsException() {
        super("there is no model yet: train one with POST /jobs or import a weights.npz with POST /models first");
    }
}
