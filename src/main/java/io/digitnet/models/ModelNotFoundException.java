package io.digitnet.models;

/** No model with this id (or alias). */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String idOrAlias) {
        super("no model or alias named '" + idOrAlias + "'");
    }
}
