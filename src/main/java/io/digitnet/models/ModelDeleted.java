package io.digitnet.models;

/**
 * A model was deleted: whatever holds it in memory drops it (see {@link ModelCache}), so that it is a 404
 * everywhere at once. Published by {@link ModelRegistry#delete}; an adapter that learns of a delete on another
 * instance (cluster mode) publishes it too.
 */
public record ModelDeleted(String modelId) {
}
