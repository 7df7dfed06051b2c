package io.digitnet.training;

/** Only queued and running jobs can be cancelled; this one has already finished. */
public class JobNotCancellableException extends RuntimeException {

    public JobNotCancellableException(String id, JobStatus status) {
        super("job '" + id + "' has already finished (" + status + "); only QUEUED or RUNNING jobs can be cancelled");
    }
}
