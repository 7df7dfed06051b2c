package io.digitnet.training;

/** A job's checkpoint exists but cannot be used to resume it; the message says why. */
public class CheckpointUnreadableException extends RuntimeException {

    public CheckpointUnreadableException(String jobId, String reason) {
        super("the checkpoint of job '" + jobId + "' cannot be used: " + reason);
    }
}
