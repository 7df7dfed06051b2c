package io.digitnet.training.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digitnet.training.EpochRecord;
import io.digitnet.training.JobConfig;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobStatus;
import java.time.Instant;
import java.util.List;

/** A job as the API shows it ({@code GET /jobs/{id}}). */
record JobView(String id, String name, JobStatus status, JobConfig config, double progress, int epoch, int epochs,
               long iteration, long iterations, Double loss, Double etaSeconds, List<EpochRecord> history,
               String modelId, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
               @JsonInclude(JsonInclude.Include.NON_NULL) Double gradientCheckError,
               @JsonInclude(JsonInclude.Include.NON_NULL) Integer resumedFromEpoch,
               @JsonInclude(JsonInclude.Include.NON_NULL) String instance,
               @JsonInclude(JsonInclude.Include.NON_NULL) String sweepId, List<String> warnings) {

    static JobView of(JobSnapshot job) {
        return new JobView(job.id(), job.name(), job.status(), job.config(), job.progress(), job.epoch(),
                job.epochs(), job.iteration(), job.iterations(), job.loss(), job.etaSeconds(), job.history(),
                job.modelId(), job.error(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.gradientCheckError(), job.resumedFromEpoch(), job.instance(), job.sweepId(), job.warnings());
    }
}
