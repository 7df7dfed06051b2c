package io.digitnet.inference;

import org.springframework.stereotype.Service;

/** Predicts with the model that an id or alias names at the moment of the request. */
@Service
public class Predictions {

    private final ServedModels models;

    public Predictions(ServedModels models) {
        this.models = models;
    }

    /**
     * Resolves {@code modelRef} once, so that every image of the batch (and the answer's model id) comes from the same
     * model even while aliases move; the whole batch is one forward pass.
     */
    public Prediction predict(String modelRef, InputImages images) {
        return predict(models.get(modelRef), images);
    }

    /** As {@link #predict(String, InputImages)}, pinned to a version (a model id) when one is given. */
    public Prediction predict(String modelRef, String version, InputImages images) {
        return predict(models.get(modelRef, version), images);
    }

    private Prediction predict(ServedModel model, InputImages images) {
        int inputs = model.predictor().inputSize();
        if (inputs != InputImages.PIXELS) {
            throw new InvalidInputException("model '" + model.id() + "' takes " + inputs + " inputs, not "
                    + InputImages.PIXELS + " pixels");
        }
        float[] probabilities = model.predictor().probabilities(images.values(), images.rows());
        return new Prediction(model, probabilities, images.rows(), model.predictor().outputSize());
    }
}
