package io.digitnet.models;

import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictor;

/**
 * A model loaded from its store whose weights matched their checksum. Immutable; its float32 {@link Predictor} is
 * built on first use and then shared, so the {@link ModelCache} that keeps this model keeps its predictor too.
 */
public final class StoredModel {

    private final ModelMetadata metadata;
    private final Parameters parameters;
    private volatile Predictor predictor;

    public StoredModel(ModelMetadata metadata, Parameters parameters) {
        this.metadata = metadata;
        this.parameters = parameters;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The immutable, thread-safe forward pass of this model (built once). */
    public Predictor predictor() {
        Predictor p = predictor;
        if (p == null) {
            synchronized (this) {
                p = predictor;
                if (p == null) {
                    p = new Predictor(parameters, metadata.architecture().activation());
                    predictor = p;
                }
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "StoredModel[" + metadata.id() + "]";
    }
}
