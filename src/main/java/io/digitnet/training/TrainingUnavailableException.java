package io.digitnet.training;

/** No worker can run jobs in this process any more (answered 503); a restart is needed. */
public class TrainingUnavailableException extends RuntimeException {

    public TrainingUnavailableException(String message) {
        super(message);
    }
}
