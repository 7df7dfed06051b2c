package io.digitnet.models;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * How a model does on the test set of its dataset.
 *
 * @param confusionMatrix classes×classes counts, {@code confusionMatrix[actual][predicted]}
 * @param classes         per class: precision and recall (0 when the class was never predicted / never occurs)
 * @param weightsSha256   the weights this evaluation belongs to
 */
public record ModelEvaluation(@Schema(example = "m-20261129183015123-a1b2c3") String modelId, @Schema(example = "mnist") String dataset,
                              @Schema(example = "10000") int samples, @Schema(example = "0.9712") double accuracy,
                              List<ClassMetrics> classes, int[][] confusionMatrix,
                              @Schema(example = "9f2b5c0e8d41a7f36c1e0b9d2a84f7c5e3b61d09a8c4f2e7b5d03a6c1e9f8b24") String weightsSha256, Instant evaluatedAt,
                              List<String> classNames) {

    /**
     * @param className what the label means ("7", "Sneaker")
     * @param support   how many test images have this label
     */
    public record ClassMetrics(@Schema(example = "7") int label, @Schema(example = "7") String className,
                               @Schema(example = "0.97") double precision, @Schema(example = "0.96") double recall,
                               @Schema(example = "1028") int support) {
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
