package io.digitnet.models;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the model store ({@code digitnet.models.*}).
 *
 * @param dir                 where models live, one folder per model
 * @param cacheSize           how many loaded models (verified weights and their predictor) stay in memory
 * @param importMaxHiddenSize the largest hidden layer an imported .npz may have
 * @param evaluationBatchSize rows per forward pass when a model is evaluated on its test set
 */
@Validated
@ConfigurationProperties("digitnet.models")
public record ModelsSettings(@NotNull Path dir,
                               @DefaultValue("16") @Min(1) @Max(1000) int cacheSize,
                               @DefaultValue("4096") @Min(1) @Max(100_000) int importMaxHiddenSize,
                               @DefaultValue("2000") @Min(1) @Max(100_000) int evaluationBatchSize) {
}
