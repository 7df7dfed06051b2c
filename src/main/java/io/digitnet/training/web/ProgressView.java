package io.digitnet.training.web;

import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobStatus;

/** The data of a {@code progress} server-sent event: a running job's position, without its history. */
record ProgressView(String id, JobStatus status, double progress, int epoch, int epochs, long iteration,
                    long iterations, Double loss, Double etaSeconds) {

    static ProgressView of(JobSnapshot job) {
        return new ProgressView(job.id(), job.status(), job.progress(), job.epoch(), job.epochs(), job.iteration(),
                job.iterations(), job.loss(), job.etaSeconds());
    }
}
