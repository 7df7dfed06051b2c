package io.digitnet.inference;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code /predict} and the V2 protocol ({@code digitnet.inference.*}).
 *
 * @param maxBatch           most images in one request (one forward pass)
 * @param maxRequestSize     largest JSON body of {@code /predict} and V2 infer, answered 413 past it: a full batch
 *                           ({@code maxBatch} 1,000 images of 784 values) takes about 8 MB with values like
 *                           {@code 0.5372549}, up to 16 MB with full double-precision decimals
 * @param maxImageSide       largest width or height of an uploaded image, in pixels (the file size is limited by
 *                           {@code spring.servlet.multipart.max-file-size})
 * @param benchmarkEndpoint  enables {@code POST /predict/echo}, which parses a request like {@code /predict} and
 *                           predicts nothing (the baseline of the benchmark); off in production
 */
@Validated
@ConfigurationProperties("digitnet.inference")
public record InferenceSettings(
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxBatch,
        @DefaultValue("16MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("2048") @Min(28) @Max(65_536) int maxImageSide,
        @DefaultValue("false") boolean benchmarkEndpoint) {
}
