package io.digitnet.models;

/** 'latest' (or a dataset's newest model) was asked for, but there is no servable model of that kind yet. */
public class NoModelsException extends RuntimeException {

    public NoModelsException() {
        super("there is no model yet: train one with POST /jobs or import a weights.npz with POST /models first");
    }

    public NoModelsException(String dataset) {
        super("there is no model trained on dataset '" + dataset + "' yet: train one with POST /jobs "
                + "{\"dataset\":\"" + dataset + "\"} or import a weights.npz with POST /models first, "
                + "or name another dataset or a model");
    }
}
