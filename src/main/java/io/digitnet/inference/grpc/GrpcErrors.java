package io.digitnet.inference.grpc;

import io.digitnet.inference.InputTooLargeException;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.UnknownVersionException;
import io.digitnet.models.CorruptModelException;
import io.digitnet.models.InvalidModelReferenceException;
import io.digitnet.models.ModelNotFoundException;
import io.digitnet.models.NoModelsException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become gRPC status codes, as {@code V2ErrorAdvice} does for REST. */
final class GrpcErrors {

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(RuntimeException e) {
        Status status;
        if (e instanceof StatusRuntimeException already) {
            return already;
        } else if (e instanceof InvalidInputException || e instanceof InvalidModelReferenceException) {
            status = Status.INVALID_ARGUMENT;
        } else if (e instanceof InputTooLargeException) {
            status = Status.RESOURCE_EXHAUSTED;
        } else if (e instanceof ModelNotFoundException || e instanceof NoModelsException
                || e instanceof UnknownVersionException) {
            status = Status.NOT_FOUND;
        } else if (e instanceof CorruptModelException) {
            status = Status.UNAVAILABLE; // this model cannot be served until it is deleted or restored
        } else {
            log.error("gRPC request failed", e);
            return Status.INTERNAL.withDescription("internal error").asRuntimeException();
        }
        return status.withDescription(e.getMessage()).asRuntimeException();
    }
}
