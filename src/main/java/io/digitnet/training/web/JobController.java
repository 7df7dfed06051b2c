package io.digitnet.training.web;

import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobSpec;
import io.digitnet.training.JobStatus;
import io.digitnet.training.JobViolation;
import io.digitnet.training.TrainingJobs;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Training jobs over HTTP: submit, look at, list, cancel, watch. */
@RestController
@RequestMapping("/jobs")
class JobController {

    static final int MAX_PAGE_SIZE = 100;

    private final TrainingJobs jobs;
    private final JobEventStreams streams;

    JobController(TrainingJobs jobs, JobEventStreams streams) {
        this.jobs = jobs;
        this.streams = streams;
    }

    /** An empty or absent body trains with every default. */
    @PostMapping
    ResponseEntity<JobView> submit(@RequestBody(required = false) JobRequest request) {
        JobSnapshot job = jobs.submit(request == null ? JobSpec.defaults() : request.toSpec());
        return ResponseEntity.accepted().location(URI.create("/jobs/" + job.id())).body(JobView.of(job));
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable String id) {
        return JobView.of(jobs.get(id));
    }

    /** Newest first; {@code status} may be repeated or comma-separated. */
    @GetMapping
    JobPageView list(@RequestParam(required = false) List<String> status,
                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        List<JobViolation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new JobViolation("page", "must be at least 0, was " + page));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new JobViolation("size", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + size));
        }
        Set<JobStatus> statuses = statuses(status, violations);
        if (!violations.isEmpty()) {
            throw new InvalidJobRequestException(violations);
        }
        return JobPageView.of(jobs.list(statuses, page, size));
    }

    /** 200 with the job when it is cancelled at once (it was queued); 202 while a running job stops. */
    @DeleteMapping("/{id}")
    ResponseEntity<JobView> cancel(@PathVariable String id) {
        JobSnapshot job = jobs.cancel(id);
        return (job.status() == JobStatus.CANCELLED ? ResponseEntity.ok() : ResponseEntity.accepted())
                .body(JobView.of(job));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        jobs.get(id);
        return streams.open(id);
    }

    private static Set<JobStatus> statuses(List<String> names, List<JobViolation> violations) {
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                statuses.add(JobStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(new JobViolation("status", "unknown status '" + name + "'; must be one of: "
                        + Arrays.stream(JobStatus.values()).map(Enum::name).collect(Collectors.joining(", "))));
            }
        }
        return statuses;
    }
}
