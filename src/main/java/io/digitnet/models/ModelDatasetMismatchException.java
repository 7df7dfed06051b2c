package io.digitnet.models;

/** A request that names a dataset and a model trained on another one. */
public class ModelDatasetMismatchException extends RuntimeException {

    public ModelDatasetMismatchException(String model, String modelDataset, String requested) {
        super("model '" + model + "' was trained on dataset '" + (modelDataset == null ? "(none recorded)" : modelDataset)
                + "', not '" + requested + "'; name a model of '" + requested + "' or leave the model out "
                + "to get that dataset's newest model");
    }
}
