package io.digitnet.models;

import io.digitnet.files.DurableFiles;
import io.digitnet.files.Sha256;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.npy.InvalidNpzException;
import io.digitnet.npy.Npz;
import io.digitnet.system.FileMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model store on the local file system: {@code <dir>/<id>/weights.npz} and {@code model.json}, written into a
 * temporary folder and renamed into place in one step. Every model's checksum is verified at start and on each load
 * from disk; damaged models are logged, listed as corrupt by {@link #isCorrupt} and never loaded. Every load reads
 * and verifies the file: keeping loaded models is the {@link ModelCache}'s business, above the store.
 */
@Component
@FileMode
public class FileModelStore implements ModelStore {

    private static final Logger log = LoggerFactory.getLogger(FileModelStore.class);

    private final Path dir;
    private final JsonMapper json;
    private final Clock clock;
    private final ModelIndex index;

    @Autowired
    public FileModelStore(ModelsSettings settings, JsonMapper json) {
        this(settings, json, Clock.systemUTC());
    }

    FileModelStore(ModelsSettings settings, JsonMapper json, Clock clock) {
        this.dir = settings.dir().toAbsolutePath().normalize();
        this.json = json;
        this.clock = clock;
        this.index = ModelIndex.scan(dir, json);
    }

    @Override
    public ModelMetadata save(ModelDraft draft, Parameters parameters) {
        Activation activation = draft.activation() == null ? Activation.SIGMOID : draft.activation();
        Parameters weights = parameters.copy(DataType.FLOAT);
        byte[] npz = toNpz(weights);
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = ModelIds.newId(createdAt);
        if (draft.classNames() != null && draft.classNames().size() != weights.outputSize()) {
            throw new IllegalArgumentException("the model has " + weights.outputSize() + " outputs but "
                    + draft.classNames().size() + " class names");
        }
        ModelMetadata metadata = new ModelMetadata(id, draft.name(), createdAt,
                new Architecture(weights.inputSize(), weights.hiddenSize(), weights.outputSize(), activation),
                draft.dataset(), orEmpty(draft.trainingConfig()), orEmpty(draft.metrics()), draft.jobId(),
                Sha256.of(npz), draft.warnings(), draft.classNames());
        Path temp = null;
        try {
            temp = DurableFiles.newTempFolder(dir);
            DurableFiles.writeNew(temp.resolve(ModelFiles.WEIGHTS), npz);
            DurableFiles.writeNew(temp.resolve(ModelFiles.METADATA),
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata));
            DurableFiles.fsyncFolder(temp);
            DurableFiles.move(temp, folder(id)); // the one step that makes the model visible
        } catch (IOException e) {
            if (temp != null) {
                DurableFiles.deleteRecursively(temp);
            }
            throw new UncheckedIOException("could not store model " + id + " in " + dir, e);
        }
        index.add(metadata);
        log.info("stored model {} ({}, {} hidden units, sha256 {})", id, activation.id(), weights.hiddenSize(),
                metadata.weightsSha256());
        return metadata;
    }

    @Override
    public List<ModelMetadata> list() {
        return index.newestFirst();
    }

    @Override
    public Optional<ModelMetadata> find(String id) {
        return ModelIds.isId(id) ? index.get(id) : Optional.empty();
    }

    /** Known to be damaged: found at start or on a load; such a model is never served. */
    @Override
    public boolean isCorrupt(String id) {
        return index.problem(id).isPresent();
    }

    /** Models that could not be read at all or failed their checksum, with the reason (id → reason). */
    @Override
    public Map<String, String> problems() {
        return index.problems();
    }

    @Override
    public StoredModel load(String id) {
        ModelMetadata metadata = existing(id);
        byte[] npz = verifiedWeights(id);
        try {
            Parameters parameters = NetworkWeights.toParameters(Npz.read(new ByteArrayInputStream(npz)), Integer.MAX_VALUE);
            return new StoredModel(metadata, parameters);
        } catch (InvalidNpzException | IllegalArgumentException e) {
            throw corrupt(id, "weights.npz cannot be used: " + e.getMessage());
        }
    }

    /** The bytes of weights.npz after checking them against the checksum in model.json. */
    @Override
    public byte[] verifiedWeights(String id) {
        ModelMetadata metadata = existing(id);
        byte[] npz;
        try {
            npz = Files.readAllBytes(folder(id).resolve(ModelFiles.WEIGHTS));
        } catch (NoSuchFileException e) {
            throw corrupt(id, "weights.npz is missing"); // or deleted meanwhile: then a ModelNotFoundException
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the weights of model " + id, e);
        }
        String actual = Sha256.of(npz);
        if (!actual.equals(metadata.weightsSha256())) {
            throw corrupt(id, "weights.npz has SHA-256 " + actual + " but model.json records " + metadata.weightsSha256());
        }
        return npz;
    }

    @Override
    public void delete(String id) {
        ModelIds.requireId(id);
        Optional<ModelMetadata> metadata = index.get(id);
        if (metadata.isEmpty() && index.problem(id).isEmpty()) {
            throw new ModelNotFoundException(id);
        }
        // Out of the index first: a load that finds the files gone from now on answers 404, not "corrupt"
        index.remove(id);
        try {
            DurableFiles.removeAtomically(folder(id));
        } catch (NoSuchFileException e) {
            // already gone from disk: forgetting it is all that is left to do
        } catch (IOException e) {
            metadata.ifPresent(index::add); // still on disk, so still there
            throw new UncheckedIOException("could not delete model " + id, e);
        }
        log.info("deleted model {}", id);
    }

    /** Kept next to the model as {@code evaluation.json}. */
    @Override
    public Optional<byte[]> evaluation(String id) {
        Path file = folder(id).resolve(ModelFiles.EVALUATION);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            log.warn("ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void saveEvaluation(String id, byte[] json) {
        Path file = folder(id).resolve(ModelFiles.EVALUATION);
        try {
            DurableFiles.write(file, json);
        } catch (IOException e) {
            // the model may have been deleted meanwhile; the result is still right, it just is not kept
            log.warn("could not keep the evaluation of {}: {}", id, e.getMessage());
        }
    }

    /** The path of the model's weights.npz. */
    public Path weightsFile(String id) {
        existing(id);
        return folder(id).resolve(ModelFiles.WEIGHTS);
    }

    /** The model's folder; the id must have been validated (it is, by every public method). */
    Path folder(String id) {
        return dir.resolve(ModelIds.requireId(id));
    }

    /** Writable when its folder is; details: the folder and the number of models. */
    @Override
    public Status status() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("directory", dir.toString());
        details.put("models", list().size());
        return new Status(Files.isDirectory(dir) && Files.isWritable(dir), details);
    }

    Path dir() {
        return dir;
    }

    private ModelMetadata existing(String id) {
        ModelIds.requireId(id);
        Optional<String> problem = index.problem(id);
        if (problem.isPresent()) {
            throw new CorruptModelException(id, problem.get());
        }
        return index.get(id).orElseThrow(() -> new ModelNotFoundException(id));
    }


    /** Marks a listed model as damaged; one deleted meanwhile is simply not found. */
    private RuntimeException corrupt(String id, String reason) {
        if (!index.markCorrupt(id, reason)) {
            return new ModelNotFoundException(id);
        }
        log.warn("model {} is corrupt and will not be served: {}", id, reason);
        return new CorruptModelException(id, reason);
    }

    private static byte[] toNpz(Parameters weights) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.write(out, weights.asMap());
        return out.toByteArray();
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }
}
