package io.digitnet.models;

import io.swagger.v3.oas.annotations.media.Schema;

/** The result of moving an alias; {@code previousModelId} is null when the alias is new. */
public record AliasChange(@Schema(example = "production") String alias,
                          @Schema(example = "m-20261129183015123-a1b2c3") String modelId,
                          @Schema(description = "null when the alias is new", example = "m-20261128101500042-0f9e8d")
                          String previousModelId) {
}
