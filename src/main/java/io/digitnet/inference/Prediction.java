package io.digitnet.inference;

import java.util.Arrays;

/**
 * The outcome of one forward pass.
 *
 * @param model         the model that computed it (never an alias)
 * @param probabilities [rows × classes], row-major softmax outputs
 */
public record Prediction(ServedModel model, float[] probabilities, int rows, int classes) {

    /** The most probable class of image {@code row} (the first one on ties). */
    public int label(int row) {
        int offset = row * classes;
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (probabilities[offset + k] > probabilities[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    /** [classes] for image {@code row}. */
    public float[] probabilities(int row) {
        return Arrays.copyOfRange(probabilities, row * classes, (row + 1) * classes);
    }
}
