package io.digitnet.models;

import java.time.Instant;
import java.util.List;

/**
 * How a model does on the test set of its dataset.
 *
 * @param confusionMatrix classes×classes counts, {@code confusionMatrix[actual][predicted]}
 * @param classes         per class: precision and recall (0 when the class was never predicted / never occurs)
 * @param weightsSha256   the weights this evaluation belongs to
 */
public record ModelEvaluation(String modelId, String dataset, int samples, double accuracy, List<ClassMetrics> classes,
                              int[][] confusionMatrix, String weightsSha256, Instant evaluatedAt,
                              List<String> classNames) {

    /**
     * @param className what the label means ("7", "Sneaker")
     * @param support   how many test images have this label
     */
    public record ClassMetrics(int label, String className, double precision, double recall, int support) {
    }

    /** Derives every figure from the confusion matrix. */
    static ModelEvaluation of(ModelMetadata model, int[][] confusion, Instant evaluatedAt) {
        int classes = confusion.length;
        int samples = 0;
        int correct = 0;
        int[] predicted = new int[classes];
        int[] actual = new int[classes];
        for (int a = 0; a < classes; a++) {
            for (int p = 0; p < classes; p++) {
                samples += confusion[a][p];
                predicted[p] += confusion[a][p];
                actual[a] += confusion[a][p];
            }
            correct += confusion[a][a];
        }
        List<ClassMetrics> metrics = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            metrics.add(new ClassMetrics(c, model.className(c), ratio(confusion[c][c], predicted[c]),
                    ratio(confusion[c][c], actual[c]), actual[c]));
        }
        return new ModelEvaluation(model.id(), model.dataset(), samples, ratio(correct, samples), List.copyOf(metrics),
                confusion, model.weightsSha256(), evaluatedAt, model.classNames());
    }

    private static double ratio(int count, int total) {
        return total == 0 ? 0.0 : (double) count / total;
    }
}
