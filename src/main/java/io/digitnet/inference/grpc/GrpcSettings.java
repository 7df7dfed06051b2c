package io.digitnet.inference.grpc;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Open Inference Protocol's gRPC service ({@code digitnet.grpc.*}). Its size limits are those of REST:
 * {@code digitnet.inference.max-request-size} per message and {@code digitnet.inference.max-batch} images.
 *
 * @param enabled whether the service listens at all
 * @param port    its own port, apart from HTTP's; 0 picks a free one (tests)
 * @param threads the requests computed at once (prediction is CPU-bound, as Tomcat's small pool for REST)
 */
@Validated
@ConfigurationProperties("digitnet.grpc")
public record GrpcSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8081") @Min(0) @Max(65_535) int port,
        @DefaultValue("4") @Min(1) @Max(256) int threads) {
}
