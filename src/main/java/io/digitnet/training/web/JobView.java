package io.digitnet.training.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digitnet.training.EpochRecord;
import io.digitnet.training.JobConfig;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A job as the API shows it ({@code GET /jobs/{id}}). */
record JobView(@Schema(example = "b2a0aeed-e81e-4b3d-bd90-50574d0ddc50") String id, @Schema(example = "first-net") String name,
               JobStatus status, JobConfig config, double progress, int epoch, int epochs,
               long iteration, long iterations, Double loss, Double etaSeconds, List<EpochRecord> history,
               @Schema(description = "The stored model, once the job succeeded", example = "m-20261129183015123-a1b2c3") String modelId,
               @Schema(description = "Why the job failed", example = "diverged: the loss is NaN at iteration 42")
               String error, Instant createdAt, Instant startedAt, Instant finishedAt,
               @JsonInclude(JsonInclude.Include.NON_NULL) Double gradientCheckError,
               @JsonInclude(JsonInclude.Include.NON_NULL) Integer resumedFromEpoch,
               @Schema(description = "The instance that runs it (cluster mode)", example = "digitnet-1")
               @JsonInclude(JsonInclude.Include.NON_NULL) String instance,
               @Schema(example = "5c1f8e2a-7d3b-4e9a-9f60-2b8d4c7e1a05") @JsonInclude(JsonInclude.Include.NON_NULL) String sweepId,
               List<String> warnings) {

    static JobView of(JobSnapshot job) {
        return new JobView(job.id(), job.name(), job.status(), job.config(), job.progress(), job.epoch(),
                job.epochs(), job.iteration(), job.iterations(), job.loss(), job.etaSeconds(), job.history(),
                job.modelId(), job.error(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.gradientCheckError(), job.resumedFromEpoch(), job.instance(), job.sweepId(), job.warnings());
    }
}
