package io.digitnet.datasets;

/**
 * An upload that cannot become a dataset; the message says where (line, entry, part) and why.
 *
 * @see #field() the request part or metadata field at fault
 */
public class InvalidDatasetException extends RuntimeException {

    private final String field;

    public InvalidDatasetException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
