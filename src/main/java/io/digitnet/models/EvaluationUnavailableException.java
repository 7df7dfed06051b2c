package io.digitnet.models;

/** A model that cannot be evaluated, because it names no dataset or one the service does not know. */
public class EvaluationUnavailableException extends RuntimeException {

    public EvaluationUnavailableException(String message) {
        super(message);
    }
}
