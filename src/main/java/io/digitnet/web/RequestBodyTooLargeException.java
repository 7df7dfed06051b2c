package io.digitnet.web;

import java.io.IOException;

/** A streamed request body that went past its limit; mapped to 413. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes (see digitnet.limits.*).");
    }
}
