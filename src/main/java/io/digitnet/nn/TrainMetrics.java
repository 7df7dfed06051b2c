package io.digitnet.nn;

import com.fasterxml.jackson.annotation.JsonValue;

/** How an epoch's train loss and train accuracy are measured. */
public enum TrainMetrics {

    /**
     * Running means over the epoch's mini-batches, from the forward passes that training makes anyway (as Keras
     * reports them): free, but measured while the weights still change, so a little worse than the weights at the
     * epoch's end would score.
     */
    RUNNING,

    /**
     * A pass over the whole training set with the weights at the epoch's end, as the notebook measures them: exact,
     * and about a quarter of an epoch's time more.
     */
    FULL;

    /** The name in JSON, the API and stored files ("running", "full"); Jackson reads it back by it too. */
    @JsonValue
    public String id() {
        return Names.of(this);
    }

    /**
     * The constant named {@code id}, in any case.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static TrainMetrics of(String id) {
        return Names.parse(TrainMetrics.class, id);
    }
}
