package io.digitnet.inference;

import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.datasets.UnknownDatasetException;
import org.springframework.stereotype.Service;

/** Predicts with the model that an id or alias names at the moment of the request. */
@Service
public class Predictions {

    private final ServedModels models;
    private final DatasetCatalog datasets;

    public Predictions(ServedModels models, DatasetCatalog datasets) {
        this.models = models;
        this.datasets = datasets;
    }

    /**
     * As a request names them: a model (id or alias) and/or a dataset, either may be null; see
     * {@link ServedModels#forRequest(String, String)} for which model answers.
     *
     * @throws UnknownDatasetException for a dataset the service does not know
     */
    public Prediction predictFor(String modelRef, String dataset, InputImages images) {
        if (dataset != null && !datasets.names().contains(dataset)) {
            throw new UnknownDatasetException(dataset, datasets.names());
        }
        return predict(models.forRequest(modelRef, dataset), images);
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
