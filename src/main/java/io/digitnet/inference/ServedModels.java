package io.digitnet.inference;

import io.digitnet.models.ModelIds;
import io.digitnet.models.ModelRegistry;
import io.digitnet.models.StoredModel;
import org.springframework.stereotype.Component;

/**
 * Resolves a model id or alias to a {@link ServedModel}: the registry's verified, immutable snapshot of one model and
 * its float32 predictor, both kept by the one model cache ({@link io.digitnet.models.ModelCache}). A request that
 * resolved an alias computes with that model even if the alias moves a moment later.
 */
@Component
public class ServedModels {

    /** The alias a request means when it names no model: the newest model. */
    public static final String LATEST = ModelIds.LATEST;
    /** The dataset a request means when it names neither a model nor a dataset. */
    public static final String DEFAULT_DATASET = "mnist";

    private final ModelRegistry registry;

    public ServedModels(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * @throws io.digitnet.models.ModelNotFoundException         when nothing is called {@code idOrAlias}
     * @throws io.digitnet.models.NoModelsException              for {@code latest} while there is no model at all
     * @throws io.digitnet.models.InvalidModelReferenceException when the name is not a well-formed id or alias
     * @throws io.digitnet.models.CorruptModelException          when the model's files fail their checksum
     */
    public ServedModel get(String idOrAlias) {
        return serve(registry.resolve(idOrAlias));
    }

    /**
     * The model a prediction request means (see {@link ModelRegistry#resolve(String, String, String)}): with no model
     * named, the newest model of the dataset named, or of {@value #DEFAULT_DATASET}.
     *
     * @throws io.digitnet.models.ModelDatasetMismatchException when the model was trained on another dataset
     */
    public ServedModel forRequest(String modelRef, String dataset) {
        return serve(registry.resolve(modelRef, dataset, DEFAULT_DATASET));
    }

    private static ServedModel serve(StoredModel stored) {
        return new ServedModel(stored.metadata(), stored.predictor());
    }

    /**
     * The model {@code idOrAlias} resolves to, pinned to {@code version} when one is given: in the V2 protocol the
     * version of a model is its id, and an alias has one version, the id it points to now.
     *
     * @param version null or empty: any; else the id that {@code idOrAlias} must resolve to
     * @throws UnknownVersionException when {@code idOrAlias} resolves to another id
     */
    public ServedModel get(String idOrAlias, String version) {
        ServedModel model = get(idOrAlias);
        if (version != null && !version.isEmpty() && !version.equals(model.id())) {
            throw new UnknownVersionException(idOrAlias, version, model.id());
        }
        return model;
    }
}
