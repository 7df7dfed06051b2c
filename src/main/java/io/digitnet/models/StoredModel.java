package io.digitnet.models;

import io.digitnet.nn.Parameters;

/** A model loaded from disk whose weights matched their checksum. */
public record StoredModel(ModelMetadata metadata, Parameters parameters) {
}
