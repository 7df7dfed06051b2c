package io.digitnet.models;

import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Names;
import io.digitnet.nn.Parameters;
import io.digitnet.npy.InvalidNpzException;
import io.digitnet.npy.Npz;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Turns a {@code weights.npz} written by numpy (a notebook's {@code np.savez(f, **params)}) into a stored model:
 * the arrays are validated and converted to float32 (see {@link NetworkWeights}), the metadata is checked, and the
 * model is saved like a trained one, with an empty training config.
 */
@Component
public class ModelImporter {

    private static final int MAX_NAME_LENGTH = 100; // as job names, whose models carry them

    private final ModelStore store;
    private final DatasetCatalog datasets;
    private final ModelsSettings settings;

    public ModelImporter(ModelStore store, DatasetCatalog datasets, ModelsSettings settings) {
        this.store = store;
        this.datasets = datasets;
        this.settings = settings;
    }

    /**
     * @throws InvalidNpzException          when the file is not an .npz of a valid two-layer network
     * @throws InvalidModelImportException  when the metadata is not acceptable
     */
    public ModelMetadata importWeights(InputStream npz, ModelImport request) {
        ModelImport metadata = request == null ? new ModelImport(null, null, null) : request;
        Activation activation = activation(metadata.activation());
        // The rules of job names (whose models carry them): stripped, 1 to 100 characters, no control characters.
        String name = metadata.name() == null ? null : metadata.name().strip();
        if (name != null && (name.isEmpty() || name.length() > MAX_NAME_LENGTH)) {
            throw new InvalidModelImportException("name", "'name' must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidModelImportException("name", "'name' must not contain control characters");
        }
        if (metadata.dataset() != null && !datasets.names().contains(metadata.dataset())) {
            throw new InvalidModelImportException("dataset", "unknown dataset '" + metadata.dataset()
                    + "'; known datasets: " + new TreeSet<>(datasets.names()));
        }
        Parameters parameters = NetworkWeights.toParameters(
                Npz.read(npz, NetworkWeights.shapeLimits(settings.importMaxHiddenSize())), settings.importMaxHiddenSize());
        List<String> classNames = null;
        if (metadata.dataset() != null) {
            classNames = datasets.classNames(metadata.dataset());
            if (classNames.size() != parameters.outputSize()) {
                throw new InvalidModelImportException("dataset", "the weights have " + parameters.outputSize()
                        + " outputs but dataset '" + metadata.dataset() + "' has " + classNames.size()
                        + " classes; W2 must be [H," + classNames.size() + "] and b2 [" + classNames.size() + "]");
            }
        }
        return store.save(new ModelDraft(name, activation, metadata.dataset(), Map.of(),
                Map.of(), null, classNames), parameters);
    }

    private static Activation activation(String value) {
        if (value == null) {
            return Activation.SIGMOID; // the notebook's default
        }
        try {
            return Activation.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelImportException("activation", "unknown activation '" + value
                    + "'; must be one of: " + String.join(", ", Names.all(Activation.class)));
        }
    }
}
