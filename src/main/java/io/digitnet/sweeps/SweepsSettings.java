package io.digitnet.sweeps;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sweeps ({@code digitnet.sweeps.*}).
 *
 * @param dir                where sweep records live
 * @param queueReserve       job-queue slots that sweeps leave free for jobs submitted on their own; sweeps queue
 *                           trials only while more than this many slots are free (at most capacity - 1 is kept)
 * @param pollInterval       how often running sweeps look at their trials and feed new ones even when no job event
 *                           came (job events trigger a look at once)
 * @param maxTrials          most trials in one sweep (a grid, or grid × random trials)
 * @param maxEventStreams    concurrent SSE streams of sweeps; more are refused with 503
 * @param eventStreamTimeout an SSE stream ends after this long (clients reconnect)
 */
@Validated
@ConfigurationProperties("digitnet.sweeps")
public record SweepsSettings(
        @NotNull Path dir,
        @DefaultValue("2") @Min(0) @Max(10_000) int queueReserve,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxTrials,
        @DefaultValue("16") @Min(1) @Max(10_000) int maxEventStreams,
        @DefaultValue("30m") @NotNull Duration eventStreamTimeout) {
}
