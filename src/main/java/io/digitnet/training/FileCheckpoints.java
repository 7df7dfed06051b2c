package io.digitnet.training;

import io.digitnet.files.Sha256;
import io.digitnet.files.DurableFiles;
import io.digitnet.npy.Npz;
import io.digitnet.nn.Checkpoint;
import io.digitnet.nn.EpochStats;
import io.digitnet.nn.Parameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import io.digitnet.system.FileMode;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest epoch-boundary checkpoint of each running job, under {@code <jobs dir>/<id>/}: the arrays in
 * {@code checkpoint-<epoch>.npz} (W1, b1, W2, b2, {@code best.*}, {@code optimizer.*}) and the rest in
 * {@code checkpoint.json}, which names the npz and its SHA-256. Both are written atomically, the json last, so
 * that the json always points to a complete npz; older npz files are deleted only after that. Checkpoints are
 * removed when their job ends.
 */
@Component
@FileMode
class FileCheckpoints implements Checkpoints {

    static final String INDEX = "checkpoint.json";
    private static final String BEST = "best.";
    private static final String OPTIMIZER = "optimizer.";
    private static final Logger log = LoggerFactory.getLogger(FileCheckpoints.class);

    /** The content of checkpoint.json. */
    record Index(int format, String weights, String sha256, JobConfig config, int completedEpochs, long iteration,
                 long optimizerStep, List<String> optimizerState, boolean hasBest, Double bestLoss,
                 int epochsWithoutImprovement, List<EpochStats> history) {
    }

    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Path dir;

    FileCheckpoints(JobsSettings settings) {
        this.dir = settings.dir();
    }

    /** A checkpoint as stored: the index (whose weights field names the npz) and the npz bytes. */
    record Encoded(Index index, byte[] npz) {
    }

    /** Packs a checkpoint into an npz and its index; shared with {@link PostgresCheckpoints}. */
    static Encoded encode(JobConfig config, Checkpoint checkpoint) {
        Map<String, INDArray> arrays = new LinkedHashMap<>(checkpoint.parameters().asMap());
        if (checkpoint.best() != null) {
            checkpoint.best().asMap().forEach((name, array) -> arrays.put(BEST + name, array));
        }
        checkpoint.optimizerState().forEach((name, array) -> arrays.put(OPTIMIZER + name, array));
        ByteArrayOutputStream npz = new ByteArrayOutputStream();
        Npz.write(npz, arrays);
        byte[] npzBytes = npz.toByteArray();
        double bestLoss = checkpoint.bestLoss();
        Index index = new Index(1, "checkpoint-" + checkpoint.completedEpochs() + ".npz", Sha256.of(npzBytes), config,
                checkpoint.completedEpochs(), checkpoint.iteration(), checkpoint.optimizerStep(),
                List.copyOf(checkpoint.optimizerState().keySet()), checkpoint.best() != null,
                Double.isNaN(bestLoss) ? null : bestLoss, checkpoint.epochsWithoutImprovement(),
                checkpoint.history());
        return new Encoded(index, npzBytes);
    }

    @Override
    public void save(String jobId, JobConfig config, Checkpoint checkpoint) {
        Encoded encoded = encode(config, checkpoint);
        String weights = encoded.index().weights();
        write(folder(jobId).resolve(weights), out -> out.write(encoded.npz()));
        write(folder(jobId).resolve(INDEX), out -> json.writeValue(out, encoded.index()));
        deleteWeightsExcept(jobId, weights);
    }

    /**
     * The job's latest checkpoint, or empty when it has none.
     *
     * @throws CheckpointUnreadableException when one exists but is damaged or belongs to another configuration
     */
    @Override
    public Optional<Checkpoint> load(String jobId, JobConfig config) {
        Path indexFile = folder(jobId).resolve(INDEX);
        if (!Files.exists(indexFile)) {
            return Optional.empty();
        }
        Index index;
        try {
            index = json.readValue(indexFile.toFile(), Index.class);
        } catch (RuntimeException e) {
            throw new CheckpointUnreadableException(jobId, INDEX + " is unreadable: " + firstLine(e));
        }
        if (!config.equals(index.config())) {
            throw new CheckpointUnreadableException(jobId, "it was taken with a different configuration");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(folder(jobId).resolve(index.weights()))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new CheckpointUnreadableException(jobId, index.weights() + " is unreadable: " + e.getMessage());
        }
        return Optional.of(decode(jobId, index, bytes));
    }

    /** Unpacks a stored checkpoint after checking the npz against the index's SHA-256. */
    static Checkpoint decode(String jobId, Index index, byte[] bytes) {
        Map<String, INDArray> arrays;
        try {
            String actual = Sha256.of(bytes);
            if (!actual.equals(index.sha256())) {
                throw new CheckpointUnreadableException(jobId, index.weights() + " does not match its SHA-256");
            }
            arrays = Npz.read(new ByteArrayInputStream(bytes));
        } catch (CheckpointUnreadableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CheckpointUnreadableException(jobId, index.weights() + " is unreadable: " + firstLine(e));
        }
        try {
            Map<String, INDArray> optimizerState = new LinkedHashMap<>();
            index.optimizerState().forEach(name -> optimizerState.put(name, required(arrays, OPTIMIZER + name)));
            Parameters best = index.hasBest() ? parameters(arrays, BEST) : null;
            return new Checkpoint(index.completedEpochs(), index.iteration(), parameters(arrays, ""),
                    optimizerState, index.optimizerStep(), best,
                    index.bestLoss() == null ? Double.NaN : index.bestLoss(), index.epochsWithoutImprovement(),
                    index.history());
        } catch (IllegalArgumentException e) {
            throw new CheckpointUnreadableException(jobId, e.getMessage());
        }
    }

    /** A job that ended needs no checkpoint any more. */
    @EventListener
    void onJobEvent(JobEvent event) {
        if (event.isFinal()) {
            delete(event.job().id());
        }
    }

    @Override
    public void delete(String jobId) {
        try {
            Files.deleteIfExists(folder(jobId).resolve(INDEX));
            deleteWeightsExcept(jobId, null);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the checkpoint of job {}: {}", jobId, e.getMessage());
        }
    }

    private void deleteWeightsExcept(String jobId, String keep) {
        if (!Files.isDirectory(folder(jobId))) {
            return;
        }
        try (Stream<Path> files = Files.list(folder(jobId))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("checkpoint-") && name.endsWith(".npz") && !name.equals(keep)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            log.warn("Could not delete old checkpoints of job {}: {}", jobId, e.getMessage());
        }
    }

    private static Parameters parameters(Map<String, INDArray> arrays, String prefix) {
        return Parameters.of(required(arrays, prefix + "W1"), required(arrays, prefix + "b1"),
                required(arrays, prefix + "W2"), required(arrays, prefix + "b2"));
    }

    private static INDArray required(Map<String, INDArray> arrays, String name) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("the array " + name + " is missing");
        }
        return array;
    }

    private Path folder(String jobId) {
        return dir.resolve(jobId);
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    private static void write(Path file, DurableFiles.Content content) {
        try {
            Files.createDirectories(file.getParent());
            DurableFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
