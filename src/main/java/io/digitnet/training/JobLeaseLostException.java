package io.digitnet.training;

/**
 * A write about a running job was refused because this instance no longer holds the job: another instance took it
 * over (after this one stalled past the dead-server timeout). The job stops here without writing anything more.
 */
public class JobLeaseLostException extends RuntimeException {

    public JobLeaseLostException(String jobId, String instance) {
        super("instance " + instance + " no longer holds job " + jobId + "; another instance took it over");
    }
}
