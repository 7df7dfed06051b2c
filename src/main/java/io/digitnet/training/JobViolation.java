package io.digitnet.training;

/** One thing wrong with a job request: the field (JSON path, e.g. {@code earlyStopping.patience}) and why. */
public record JobViolation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
