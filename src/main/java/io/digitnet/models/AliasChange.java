package io.digitnet.models;

/** The result of moving an alias; {@code previousModelId} is null when the alias is new. */
public record AliasChange(String alias, String modelId, String previousModelId) {
}
