package io.digitnet.inference.web;

import io.digitnet.inference.Prediction;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code POST /predict}: one image or a batch, always naming the model id that computed it, the
 * dataset it was trained on, and what each label means.
 */
@Schema(oneOf = {PredictResponse.Single.class, PredictResponse.Batch.class})
sealed interface PredictResponse {

    static PredictResponse of(Prediction prediction, boolean batch) {
        String model = prediction.model().id();
        if (!batch) {
            return new Single(model, prediction.dataset(), prediction.label(0), prediction.className(0),
                    prediction.probabilities(0));
        }
        List<Instance> instances = new ArrayList<>(prediction.rows());
        for (int row = 0; row < prediction.rows(); row++) {
            instances.add(new Instance(prediction.label(row), prediction.className(row), prediction.probabilities(row)));
        }
        return new Batch(model, prediction.dataset(), instances);
    }

    /** @param probabilities [classes] softmax output, class k at index k */
    @Schema(name = "SinglePrediction")
    record Single(@Schema(example = "m-20261129183015123-a1b2c3") String model,
                  @Schema(example = "mnist") String dataset,
                  @Schema(example = "7") int label, @Schema(example = "7") String className,
                  float[] probabilities) implements PredictResponse {
    }

    @Schema(name = "BatchPrediction")
    record Batch(@Schema(example = "m-20261129183015123-a1b2c3") String model,
                 @Schema(example = "mnist") String dataset,
                 List<Instance> predictions) implements PredictResponse {
    }

    /** @param probabilities [classes] */
    @Schema(name = "InstancePrediction")
    record Instance(@Schema(example = "7") int label, @Schema(example = "7") String className,
                    float[] probabilities) {
    }

    /** @param pixels [784] what the network was fed after preprocessing, row by row, in [0, 1] */
    @Schema(name = "ImagePrediction")
    record Image(@Schema(example = "m-20261129183015123-a1b2c3") String model,
                 @Schema(example = "fashion-mnist") String dataset,
                 @Schema(example = "9") int label, @Schema(example = "Ankle boot") String className,
                 float[] probabilities, float[] pixels) {

        static Image of(Prediction prediction, float[] pixels) {
            return new Image(prediction.model().id(), prediction.dataset(), prediction.label(0),
                    prediction.className(0), prediction.probabilities(0), pixels);
        }
    }
}
