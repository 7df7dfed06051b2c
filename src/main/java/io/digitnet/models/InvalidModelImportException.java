package io.digitnet.models;

/** An import whose metadata is not acceptable; {@code field} names the culprit. */
public class InvalidModelImportException extends RuntimeException {

    private final String field;

    public InvalidModelImportException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
