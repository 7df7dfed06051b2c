package io.digitnet.models;

/**
 * The files of one model's folder. They are written with {@link io.digitnet.files.DurableFiles}: a new model into a
 * temporary folder that one atomic rename makes visible, later files (the evaluation) by atomic replacement.
 */
final class ModelFiles {

    static final String WEIGHTS = "weights.npz";
    static final String METADATA = "model.json";
    static final String EVALUATION = "evaluation.json";

    private ModelFiles() {
    }
}
