package io.digitnet.training.web;

import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobSnapshot;
import io.digitnet.training.JobSpec;
import io.digitnet.training.JobStatus;
import io.digitnet.training.JobViolation;
import io.digitnet.training.TrainingJobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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
@Tag(name = "jobs")
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
    @Operation(summary = "Submit a training job",
            description = "Every field is optional: {} trains MNIST with the defaults. Give epochs or iterations, not "
                    + "both. Unknown fields are refused (a typo such as hidenSize is a 400 naming it). The job is "
                    + "queued and trained in the background; follow it at Location, or its events.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = JobRequest.class),
            examples = {
                @ExampleObject(name = "small", summary = "A quick job (seconds)", value = "{\"dataset\":\"mnist\","
                        + "\"hiddenSize\":20,\"activation\":\"relu\",\"weightInit\":\"he\",\"optimizer\":\"sgd\","
                        + "\"learningRate\":0.1,\"batchSize\":100,\"epochs\":1,\"seed\":42,\"name\":\"quick\"}"),
                @ExampleObject(name = "notebook", summary = "The notebook's reference configuration",
                        value = "{\"dataset\":\"mnist\",\"hiddenSize\":50,\"activation\":\"sigmoid\","
                                + "\"weightInit\":\"std\",\"optimizer\":\"sgd\",\"learningRate\":0.1,"
                                + "\"batchSize\":100,\"iterations\":10000,\"seed\":42,\"name\":\"notebook\"}"),
                @ExampleObject(name = "early stopping", summary = "Adam with early stopping on a validation split",
                        value = "{\"dataset\":\"fashion-mnist\",\"hiddenSize\":100,\"activation\":\"relu\","
                                + "\"optimizer\":\"adam\",\"learningRate\":0.001,\"epochs\":20,"
                                + "\"earlyStopping\":{\"patience\":3,\"minDelta\":0.0005}}")}))
    @ApiResponse(responseCode = "202", description = "Queued; Location: /jobs/{id}",
            headers = @Header(name = "Location", description = "/jobs/{id}", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Invalid field (named in errors[].field): unknown field, "
            + "unknown dataset/activation/optimizer/init, out-of-range size or rate, too much work")
    @ApiResponse(responseCode = "429", description = "The queue is full (digitnet.jobs.queue-capacity); see Retry-After")
    @ApiResponse(responseCode = "503", description = "The dataset cannot be obtained")
    ResponseEntity<JobView> submit(@RequestBody(required = false) JobRequest request) {
        JobSnapshot job = request == null ? jobs.submit(JobSpec.defaults())
                : jobs.submit(request.toSpec(), request.readErrors());
        return ResponseEntity.accepted().location(URI.create("/jobs/" + job.id())).body(JobView.of(job));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a job: status, progress, configuration, per-epoch history, model id")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such job")
    JobView get(@Parameter(description = "The job's id") @PathVariable String id) {
        return JobView.of(jobs.get(id));
    }

    /** Newest first; {@code status} may be repeated or comma-separated. */
    @GetMapping
    @Operation(summary = "List jobs, newest first, a page at a time, optionally by status and by sweep",
            description = "sweepId keeps the trials of one sweep (GET /sweeps/{id}); an id no job carries gives an "
                    + "empty page.")
    @ApiResponse(responseCode = "200", description = "A page of jobs")
    @ApiResponse(responseCode = "400", description = "Unknown status, blank sweepId, or page/size out of range "
            + "(named in errors)")
    JobPageView list(@Parameter(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED; repeat or "
                             + "comma-separate for several", example = "RUNNING")
                     @RequestParam(required = false) List<String> status,
                     @Parameter(description = "Only the trials of this sweep",
                             example = "0f9c2b7e-3d1a-4e8b-9c55-2a7d6e4b1f03")
                     @RequestParam(required = false) String sweepId,
                     @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
                     @Parameter(description = "Jobs per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        List<JobViolation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new JobViolation("page", "must be at least 0, was " + page));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new JobViolation("size", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + size));
        }
        if (sweepId != null && sweepId.isBlank()) {
            violations.add(new JobViolation("sweepId", "must not be blank; leave it out to list every job"));
        }
        Set<JobStatus> statuses = statuses(status, violations);
        if (!violations.isEmpty()) {
            throw new InvalidJobRequestException(violations);
        }
        return JobPageView.of(jobs.list(statuses, sweepId == null ? null : sweepId.strip(), page, size));
    }

    /**
     * 200 with the job once it is CANCELLED (a queued one at once, a running one if it stopped before this answer);
     * 202 while a running job is still on its way to its next iteration.
     */
    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel a queued or running job",
            description = "A queued job is cancelled at once (200); a running one stops within one iteration "
                    + "(202, then CANCELLED).")
    @ApiResponse(responseCode = "200", description = "Cancelled (it was queued)")
    @ApiResponse(responseCode = "202", description = "Stopping (it was running)")
    @ApiResponse(responseCode = "404", description = "No such job")
    @ApiResponse(responseCode = "409", description = "The job has already finished")
    ResponseEntity<JobView> cancel(@Parameter(description = "The job's id") @PathVariable String id) {
        JobSnapshot job = jobs.cancel(id);
        return (job.status() == JobStatus.CANCELLED ? ResponseEntity.ok() : ResponseEntity.accepted())
                .body(JobView.of(job));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Watch a job as server-sent events until it ends",
            description = "Events: status (the whole job: first, and on every status change), progress (a few per "
                    + "second at most), epoch (a finished epoch's history entry). The stream ends after the final "
                    + "status. Swagger UI shows the events only when the stream ends; use curl -N to watch it live.")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"),
            examples = @ExampleObject(value = "id: 2\nevent: progress\ndata: {\"id\":\"5b0e6d2c-8f5e-4d7b-9a41-"
                    + "0c2f1d9e3a77\",\"status\":\"RUNNING\",\"progress\":0.42,\"epoch\":1,\"epochs\":3,"
                    + "\"iteration\":252,\"iterations\":600,\"loss\":0.31,\"etaSeconds\":2.1}\n\n")))
    @ApiResponse(responseCode = "404", description = "No such job")
    @ApiResponse(responseCode = "429", description = "This client has too many open streams "
            + "(digitnet.jobs.max-event-streams-per-client); see Retry-After")
    @ApiResponse(responseCode = "503", description = "Too many open streams (digitnet.jobs.max-event-streams); "
            + "see Retry-After")
    SseEmitter events(@Parameter(description = "The job's id") @PathVariable String id, HttpServletRequest request) {
        jobs.get(id);
        return streams.open(id, request.getRemoteAddr());
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
