package io.digitnet.sweeps.web;

import io.digitnet.sweeps.SweepSnapshot;
import io.digitnet.sweeps.Sweeps;
import io.digitnet.training.JobViolation;
import io.digitnet.sweeps.InvalidSweepException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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

/** Sweeps: many job configurations compared in one request, ranked in a leaderboard. */
@RestController
@RequestMapping("/sweeps")
@Tag(name = "sweeps")
class SweepController {

    static final int MAX_PAGE_SIZE = 100;

    private final Sweeps sweeps;
    private final SweepEventStreams streams;

    SweepController(Sweeps sweeps, SweepEventStreams streams) {
        this.sweeps = sweeps;
        this.streams = streams;
    }

    @PostMapping
    @Operation(summary = "Start a sweep: a grid and/or random search over job configurations",
            description = "Every trial is an ordinary training job (listed in /jobs with its sweepId). Trials are "
                    + "fed as workers free up, leaving digitnet.sweeps.queue-reserve queue slots to other jobs, so a "
                    + "sweep larger than the queue is accepted. Every trial's configuration is checked at once.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = SweepRequest.class),
            examples = {
                @ExampleObject(name = "grid", summary = "Sigmoid against ReLU at two hidden sizes",
                        value = "{\"name\":\"activations\",\"base\":{\"epochs\":2,\"seed\":7},"
                                + "\"grid\":{\"hiddenSize\":[50,100],\"activation\":[\"sigmoid\",\"relu\"]},"
                                + "\"promote\":\"production\"}"),
                @ExampleObject(name = "random", summary = "Learning rates on a log scale, median stopping",
                        value = "{\"name\":\"rates\",\"base\":{\"hiddenSize\":50,\"epochs\":4},"
                                + "\"random\":{\"learningRate\":{\"min\":0.01,\"max\":1,\"log\":true},"
                                + "\"batchSize\":[50,100,200]},\"trials\":8,\"seed\":42,\"stopping\":\"median\"}")}))
    @ApiResponse(responseCode = "202", description = "Started; Location: /sweeps/{id}",
            headers = @Header(name = "Location", description = "/sweeps/{id}", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Invalid field (named in errors[].field): unknown field or "
            + "parameter, empty value list, bad range, too many trials, a trial's job configuration refused")
    ResponseEntity<SweepView> start(@RequestBody SweepRequest request) {
        SweepSnapshot sweep = sweeps.start(request.toSpec());
        return ResponseEntity.accepted().location(URI.create("/sweeps/" + sweep.id())).body(SweepView.of(sweep));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a sweep: status, progress, the leaderboard best first, the best trial")
    @ApiResponse(responseCode = "200", description = "The sweep")
    @ApiResponse(responseCode = "404", description = "No such sweep")
    SweepView get(@Parameter(description = "The sweep's id") @PathVariable String id) {
        return SweepView.of(sweeps.get(id));
    }

    @GetMapping
    @Operation(summary = "List sweeps, newest first, a page at a time")
    @ApiResponse(responseCode = "200", description = "A page of sweeps")
    @ApiResponse(responseCode = "400", description = "page or size out of range (named in errors)")
    SweepSummary.Page list(@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
                           @Parameter(description = "Sweeps per page, 1 to 100")
                           @RequestParam(defaultValue = "20") int size) {
        List<JobViolation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new JobViolation("page", "must be at least 0, was " + page));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new JobViolation("size", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + size));
        }
        if (!violations.isEmpty()) {
            throw new InvalidSweepException(violations);
        }
        return SweepSummary.Page.of(sweeps.list(page, size));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel a sweep: every trial not ended is cancelled, the sweep ends CANCELLED")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "No such sweep")
    @ApiResponse(responseCode = "409", description = "The sweep has already ended")
    SweepView cancel(@Parameter(description = "The sweep's id") @PathVariable String id) {
        return SweepView.of(sweeps.cancel(id));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Watch a sweep as server-sent events until it ends",
            description = "Events: sweep (the whole sweep, first and when it ends), trial (a leaderboard entry whose "
                    + "status changed: queued, started, ended), epoch (a trial's finished epoch). The stream ends "
                    + "after the sweep's end. Use curl -N to watch it live.")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "No such sweep")
    @ApiResponse(responseCode = "503", description = "Too many open streams (digitnet.sweeps.max-event-streams)")
    SseEmitter events(@Parameter(description = "The sweep's id") @PathVariable String id) {
        sweeps.get(id);
        return streams.open(id);
    }
}
