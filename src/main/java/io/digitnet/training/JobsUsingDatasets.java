package io.digitnet.training;

import io.digitnet.datasets.DatasetUsage;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** A dataset that queued or running jobs train on cannot be deleted. */
@Component
class JobsUsingDatasets implements DatasetUsage {

    private final TrainingJobs jobs;

    JobsUsingDatasets(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<String> uses(String dataset) {
        List<String> ids = Stream.concat(jobs.withStatus(JobStatus.RUNNING).stream(), jobs.queued().stream())
                .filter(job -> dataset.equals(job.config().dataset()))
                .map(JobSnapshot::id).distinct().toList();
        return ids.isEmpty() ? List.of()
                : List.of("jobs queued or running on it: " + String.join(", ", ids) + " (cancel them first)");
    }
}
