package io.digitnet.training;

/** A state change that the job's current status does not allow (a programming error, not a caller's). */
public class IllegalJobTransitionException extends IllegalStateException {

    public IllegalJobTransitionException(String id, JobStatus from, String change) {
        super("job '" + id + "' cannot " + change + " while " + from);
    }
}
