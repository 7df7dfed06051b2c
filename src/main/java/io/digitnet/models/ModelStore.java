package io.digitnet.models;

import io.digitnet.nn.Parameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Models on disk, one folder per model under {@code <data-dir>/models/<id>/}: {@code weights.npz} (W1, b1, W2, b2 as
 * float32) and {@code model.json}. Writes are atomic; loads verify the SHA-256 of the weights.
 *
 * <p>CONTRACT (skeleton): the models implementation provides the Spring bean.
 */
public interface ModelStore {

    /** Stores new weights and metadata atomically and returns the metadata (with its new id). */
    ModelMetadata save(ModelDraft draft, Parameters parameters);

    /**
     * Every model whose model.json can be read, newest first; this includes models whose weights failed their
     * checksum (they are reported, see {@link FileModelStore#isCorrupt}, and {@link #load} refuses them).
     */
    List<ModelMetadata> list();

    Optional<ModelMetadata> find(String id);

    /**
     * @throws ModelNotFoundException  when there is no such model
     * @throws CorruptModelException   when its files don't match their checksum or can't be parsed
     */
    StoredModel load(String id);

    /** @throws ModelNotFoundException when there is no such model */
    void delete(String id);

    /** The path of the model's weights.npz (for downloads). */
    Path weightsFile(String id);
}
