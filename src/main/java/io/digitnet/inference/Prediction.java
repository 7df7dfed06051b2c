package io.digitnet.inference;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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

    /** What the label of image {@code row} means, e.g. "7" or "Sneaker". */
    public String className(int row) {
        return model.metadata().className(label(row));
    }

    /** What each of the {@code classes} outputs means, in output order: the model's own class names. */
    public List<String> classNames() {
        return IntStream.range(0, classes).mapToObj(model.metadata()::className).toList();
    }

    /** The dataset the model was trained on (null when an import declared none). */
    public String dataset() {
        return model.metadata().dataset();
    }

    /** [classes] for image {@code row}. */
    public float[] probabilities(int row) {
        return Arrays.copyOfRange(probabilities, row * classes, (row + 1) * classes);
    }
}
