package io.digitnet.inference.web;

import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.PixelRange;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /predict}: exactly one of {@code pixels} and {@code instances}. Read by
 * {@link PredictRequestConverter}, which rejects unknown fields.
 *
 * @param pixels     [784] one image, row by row
 * @param instances  [n][784] a batch of images
 * @param model      a model id or alias; null: the newest model of {@code dataset}
 * @param dataset    a dataset name; null: the model's, or mnist when no model is named
 * @param pixelRange "unit" (null: values in [0, 1]) or "byte" (values in [0, 255])
 */
@Schema(description = "One image (pixels) or a batch (instances), each 784 values (28×28, row by row)")
record PredictRequest(
        @ArraySchema(arraySchema = @Schema(description = "One image: 784 values, row by row",
                example = "[0, 0, 0.5, 1]"), minItems = 784, maxItems = 784)
        float[] pixels,
        @ArraySchema(arraySchema = @Schema(description = "A batch of images, each 784 values"))
        float[][] instances,
        @Schema(description = "A model id or alias; default: latest", example = "latest")
        String model,
        @Schema(description = "unit: values in [0, 1] (default); byte: values in [0, 255]",
                allowableValues = {"unit", "byte"})
        String pixelRange,
        @Schema(description = "A dataset; without a model, its newest model answers. Default (neither given): "
                + "the newest MNIST model", example = "mnist")
        String dataset) {

    static final String EXAMPLE = "{\"pixels\":[...784 numbers...]} or {\"instances\":[[...784...],...]}";

    boolean isBatch() {
        return instances != null;
    }

    /** The model named, or null. */
    String modelOrNull() {
        if (model != null && model.isBlank()) {
            throw new InvalidInputException("model must be a model id or alias, not blank (leave it out for the "
                    + "newest model of the dataset)");
        }
        return model;
    }

    /** The dataset named, or null. */
    String datasetOrNull() {
        if (dataset != null && dataset.isBlank()) {
            throw new InvalidInputException("dataset must be a dataset name, not blank");
        }
        return dataset;
    }

    /** Checks the body's shape and every value, in one pass over the pixels. */
    InputImages images(int maxBatch) {
        if (pixels != null && instances != null) {
            throw new InvalidInputException(
                    "send either \"pixels\" (one image) or \"instances\" (a batch), not both");
        }
        PixelRange range = pixelRange == null ? PixelRange.UNIT : PixelRange.parse(pixelRange);
        if (pixels != null) {
            return InputImages.single(pixels, range);
        }
        if (instances != null) {
            return InputImages.batch(instances, range, maxBatch);
        }
        throw new InvalidInputException("send \"pixels\" (one image of 784 values) or \"instances\" (a batch of "
                + "images), e.g. " + EXAMPLE);
    }
}
