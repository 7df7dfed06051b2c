package io.digitnet.training;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the training jobs ({@code digitnet.jobs.*}).
 *
 * @param dir                 where job records and checkpoints live
 * @param workers             jobs trained at the same time
 * @param queueCapacity       jobs that may wait for a worker; more are refused with 429
 * @param threads             native (BLAS/OpenMP) threads per training job
 * @param maxHiddenSize       largest hidden layer a job may ask for
 * @param maxSamples          total work of one job, in training samples processed (epochs × training-set size,
 *                            or iterations × batch size)
 * @param validationFraction  share of the training set held out for early stopping
 * @param gradientCheckSamples batch size of the optional gradient check (on a reduced net, see JobRunner)
 * @param progressInterval    least time between two progress events of a job (SSE, metrics)
 * @param maxEventStreams     concurrent SSE streams; more are refused with 503
 * @param eventStreamTimeout  an SSE stream ends after this long (clients reconnect)
 * @param retryAfter          the Retry-After of a refused submission when no running job gives a better estimate
 * @param shutdownTimeout     how long shutdown waits for running jobs to reach their next iteration
 * @param maxEventStreamsPerClient concurrent SSE streams of one client address; more are refused with 429
 * @param eventStreamHeartbeat how often an SSE stream gets a comment line, so that a client that went away is
 *                            noticed (and its slot freed) even while its job is quiet
 */
@Validated
@ConfigurationProperties("digitnet.jobs")
public record JobsSettings(
        @NotNull Path dir,
        @DefaultValue("1") @Min(1) @Max(64) int workers,
        @DefaultValue("10") @Min(1) @Max(10_000) int queueCapacity,
        @DefaultValue("1") @Min(1) @Max(256) int threads,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxHiddenSize,
        @DefaultValue("6000000") @Min(1) long maxSamples,
        @DefaultValue("0.1") @DecimalMin("0.01") @DecimalMax("0.5") double validationFraction,
        @DefaultValue("5") @Min(1) @Max(100) int gradientCheckSamples,
        @DefaultValue("250ms") @NotNull Duration progressInterval,
        @DefaultValue("16") @Min(1) @Max(10_000) int maxEventStreams,
        @DefaultValue("30m") @NotNull Duration eventStreamTimeout,
        @DefaultValue("10s") @NotNull Duration retryAfter,
        @DefaultValue("30s") @NotNull Duration shutdownTimeout,
        @DefaultValue("4") @Min(1) @Max(10_000) int maxEventStreamsPerClient,
        @DefaultValue("15s") @NotNull Duration eventStreamHeartbeat) {
}
