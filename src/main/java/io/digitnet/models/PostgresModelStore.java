package io.digitnet.models;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.files.Sha256;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.npy.InvalidNpzException;
import io.digitnet.npy.Npz;
import io.digitnet.system.ClusterMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model store of cluster mode: table {@code models} holds each model's weights.npz and model.json bytes with
 * their SHA-256. Every instance keeps the list of models (metadata only) in memory, reread when any instance saves or
 * deletes one (LISTEN/NOTIFY on {@value #CHANNEL}) and after the database comes back; loaded models are cached, so
 * {@code /predict} goes on serving the models it has while the database is away.
 */
@Component
@ClusterMode
public class PostgresModelStore implements ModelStore {

    static final String CHANNEL = "digitnet_models";
    private static final Logger log = LoggerFactory.getLogger(PostgresModelStore.class);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ClusterNotifications notifications;
    private final ModelCache cache;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private volatile List<ModelMetadata> newestFirst = List.of();
    private volatile Map<String, ModelMetadata> byId = Map.of();

    /** @param cache the one model cache (above this store, in ModelRegistry): dropped from on a delete anywhere */
    PostgresModelStore(JdbcTemplate jdbc, JsonMapper json, ClusterNotifications notifications, ModelCache cache) {
        this.jdbc = jdbc;
        this.json = json;
        this.notifications = notifications;
        this.cache = cache;
        notifications.subscribe(CHANNEL, id -> changed(id));
        notifications.onReconnect(this::reload);
        reload();
    }

    @Override
    public ModelMetadata save(ModelDraft draft, Parameters parameters) {
        Activation activation = draft.activation() == null ? Activation.SIGMOID : draft.activation();
        Parameters weights = parameters.copy(DataType.FLOAT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.write(out, weights.asMap());
        byte[] npz = out.toByteArray();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = ModelIds.newId(createdAt);
        ModelMetadata metadata = new ModelMetadata(id, draft.name(), createdAt,
                new Architecture(weights.inputSize(), weights.hiddenSize(), weights.outputSize(), activation),
                draft.dataset(), draft.trainingConfig() == null ? Map.of() : draft.trainingConfig(),
                draft.metrics() == null ? Map.of() : draft.metrics(), draft.jobId(), Sha256.of(npz),
                draft.warnings(), draft.classNames());
        byte[] metadataJson = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata);
        jdbc.update("insert into models (id, created_at, metadata, metadata_sha256, weights, weights_sha256) "
                + "values (?, ?, ?, ?, ?, ?)", id, Timestamp.from(createdAt), metadataJson, Sha256.of(metadataJson),
                npz, metadata.weightsSha256());
        add(metadata);
        notifications.publish(CHANNEL, id);
        log.info("stored model {} ({}, {} hidden units, sha256 {})", id, activation.id(), weights.hiddenSize(),
                metadata.weightsSha256());
        return metadata;
    }

    /** Asks the database for its number of models: throws while PostgreSQL cannot be reached. */
    @Override
    public Status status() {
        Long models = jdbc.queryForObject("select count(*) from models", Long.class);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", "PostgreSQL");
        details.put("models", models);
        return new Status(true, details);
    }

    @Override
    public List<ModelMetadata> list() {
        return newestFirst;
    }

    @Override
    public Optional<ModelMetadata> find(String id) {
        return ModelIds.isId(id) ? Optional.ofNullable(known(id)) : Optional.empty();
    }

    @Override
    public StoredModel load(String id) {
        ModelMetadata metadata = existing(id);
        byte[] npz = verifiedWeights(id);
        try {
            Parameters parameters = NetworkWeights.toParameters(Npz.read(new ByteArrayInputStream(npz)),
                    Integer.MAX_VALUE);
            return new StoredModel(metadata, parameters);
        } catch (InvalidNpzException | IllegalArgumentException e) {
            throw corrupt(id, "weights.npz cannot be used: " + e.getMessage());
        }
    }

    @Override
    public byte[] verifiedWeights(String id) {
        ModelMetadata metadata = existing(id);
        List<byte[]> rows = jdbc.query("select weights from models where id = ?", (r, n) -> r.getBytes(1), id);
        if (rows.isEmpty()) {
            forget(id);
            throw new ModelNotFoundException(id);
        }
        byte[] npz = rows.get(0);
        String actual = Sha256.of(npz);
        if (!actual.equals(metadata.weightsSha256())) {
            throw corrupt(id, "weights.npz has SHA-256 " + actual + " but model.json records "
                    + metadata.weightsSha256());
        }
        return npz;
    }

    @Override
    public void delete(String id) {
        ModelIds.requireId(id);
        int deleted = jdbc.update("delete from models where id = ?", id);
        if (deleted == 0 && !byId.containsKey(id)) {
            throw new ModelNotFoundException(id);
        }
        forget(id);
        notifications.publish(CHANNEL, id);
        log.info("deleted model {}", id);
    }

    @Override
    public boolean isCorrupt(String id) {
        return problems.containsKey(id);
    }

    @Override
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    @Override
    public Optional<byte[]> evaluation(String id) {
        List<byte[]> rows = jdbc.query("select evaluation from models where id = ? and evaluation is not null",
                (r, n) -> r.getBytes(1), id);
        return rows.stream().findFirst();
    }

    @Override
    public void saveEvaluation(String id, byte[] evaluation) {
        jdbc.update("update models set evaluation = ? where id = ?", evaluation, id);
    }

    /** Another instance (or this one) saved or deleted the model. */
    private void changed(String id) {
        List<byte[]> rows = jdbc.query("select metadata from models where id = ?", (r, n) -> r.getBytes(1), id);
        if (rows.isEmpty()) {
            forget(id);
        } else {
            add(json.readValue(rows.get(0), ModelMetadata.class));
        }
    }

    /** Rereads the list of models (at start and after the database came back). */
    void reload() {
        List<ModelMetadata> all = new ArrayList<>();
        jdbc.query("select id, metadata from models", row -> {
            try {
                all.add(json.readValue(row.getBytes(2), ModelMetadata.class));
            } catch (RuntimeException e) {
                problems.put(row.getString(1), "model.json cannot be parsed: " + e.getMessage());
            }
        });
        publish(all);
        log.info("model store (PostgreSQL): {} model(s)", all.size());
    }

    private synchronized void add(ModelMetadata metadata) {
        List<ModelMetadata> all = new ArrayList<>(newestFirst);
        all.removeIf(m -> m.id().equals(metadata.id()));
        all.add(metadata);
        publish(all);
    }

    private synchronized void forget(String id) {
        publish(newestFirst.stream().filter(m -> !m.id().equals(id)).toList());
        problems.remove(id);
        cache.invalidate(id);
    }

    private synchronized void publish(List<ModelMetadata> models) {
        List<ModelMetadata> sorted = models.stream().sorted(ModelIndex.NEWEST_FIRST).toList();
        byId = sorted.stream().collect(Collectors.toUnmodifiableMap(ModelMetadata::id, Function.identity()));
        newestFirst = sorted;
    }

    private ModelMetadata existing(String id) {
        ModelIds.requireId(id);
        String problem = problems.get(id);
        if (problem != null) {
            throw new CorruptModelException(id, problem);
        }
        ModelMetadata metadata = known(id);
        if (metadata == null) {
            throw new ModelNotFoundException(id);
        }
        return metadata;
    }

    /**
     * The metadata of a model: from memory, else from the database. Another instance may have saved it a moment ago,
     * before its notification came here: a job seen SUCCEEDED on this instance names a model that the instance which
     * ran it has just stored. While the database is away, only the models known here are.
     */
    private ModelMetadata known(String id) {
        ModelMetadata metadata = byId.get(id);
        if (metadata != null || problems.containsKey(id)) {
            return metadata;
        }
        try {
            changed(id);
        } catch (DataAccessException e) {
            log.debug("model {} not known here, and the database cannot be asked: {}", id, e.toString());
        }
        return byId.get(id);
    }

    private CorruptModelException corrupt(String id, String reason) {
        problems.put(id, reason);
        cache.invalidate(id);
        log.warn("model {} is corrupt and will not be served: {}", id, reason);
        return new CorruptModelException(id, reason);
    }
}
