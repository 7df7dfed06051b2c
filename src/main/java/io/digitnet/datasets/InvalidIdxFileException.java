package io.digitnet.datasets;

/** An IDX file that is corrupt, truncated or not what it claims to be. */
public class InvalidIdxFileException extends RuntimeException {

    public InvalidIdxFileException(String message) {
        super(message);
    }
}
