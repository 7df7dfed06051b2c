package io.digitnet.models;

import io.digitnet.nn.Parameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where models live: their weights ({@code weights.npz}: W1, b1, W2, b2 as float32), their metadata
 * ({@code model.json}) and their evaluation. Saves are atomic; loads verify the SHA-256 of the weights. Two adapters:
 * {@link FileModelStore} (one folder per model, the default) and {@link PostgresModelStore} (cluster mode).
 */
public interface ModelStore {

    /** Stores new weights and metadata atomically and returns the metadata (with its new id). */
    ModelMetadata save(ModelDraft draft, Parameters parameters);

    /**
     * Every model whose metadata can be read, newest first; this includes models whose weights failed their checksum
     * (they are reported, see {@link #isCorrupt}, and {@link #load} refuses them).
     */
    List<ModelMetadata> list();

    Optional<ModelMetadata> find(String id);

    /**
     * @throws ModelNotFoundException  when there is no such model
     * @throws CorruptModelException   when its weights don't match their checksum or can't be parsed
     */
    StoredModel load(String id);

    /**
     * The bytes of weights.npz after checking them against the recorded checksum.
     *
     * @throws ModelNotFoundException when there is no such model
     * @throws CorruptModelException  when they don't match
     */
    byte[] verifiedWeights(String id);

    /** @throws ModelNotFoundException when there is no such model */
    void delete(String id);

    /** Known to be damaged; such a model is never served. */
    boolean isCorrupt(String id);

    /** Damaged models with the reason (id → reason). */
    Map<String, String> problems();

    /** The stored evaluation of a model (JSON), if one was kept. */
    Optional<byte[]> evaluation(String id);

    /** Keeps a model's evaluation (JSON); a model deleted meanwhile keeps nothing. */
    void saveEvaluation(String id, byte[] json);

    /**
     * How the store is doing, for {@code modelStore} in {@code /actuator/health}: whether it can take new models now,
     * and what describes it (its folder or database, the number of models).
     *
     * @throws RuntimeException when the storage behind it cannot be reached (the health check then says DOWN)
     */
    Status status();

    /**
     * @param writable whether {@link #save} can succeed now
     * @param details  shown as they are in the health details ({@code directory} or {@code database},
     *                 {@code models})
     */
    record Status(boolean writable, Map<String, Object> details) {
    }
}
