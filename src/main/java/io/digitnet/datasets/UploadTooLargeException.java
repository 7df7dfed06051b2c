package io.digitnet.datasets;

/** An upload past a configured limit (bytes, inflated bytes, images, classes): 413. */
public class UploadTooLargeException extends RuntimeException {

    public UploadTooLargeException(String message) {
        super(message);
    }
}
