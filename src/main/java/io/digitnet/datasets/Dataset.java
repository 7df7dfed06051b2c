package io.digitnet.datasets;

/** A named dataset with its training and test splits. */
public record Dataset(String name, LabeledImages train, LabeledImages test) {
}
