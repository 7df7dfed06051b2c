package io.digitnet.inference;

import io.digitnet.models.ModelMetadata;
import io.digitnet.nn.Predictor;

/** A stored model ready to predict: its metadata and an immutable, thread-safe forward pass. */
public record ServedModel(ModelMetadata metadata, Predictor predictor) {

    public String id() {
        return metadata.id();
    }
}
