package io.digitnet.datasets;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.files.DurableFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset store of cluster mode, shared by every instance: table {@code datasets} holds each record, table
 * {@code dataset_chunks} its four gzipped IDX files cut into chunks ({@value #CHUNK_BYTES} bytes), all inserted in
 * one transaction, so another instance sees a dataset whole or not at all. The content is streamed in and out chunk
 * by chunk: a 200 MB upload is never held twice. A load copies the chunks to a scratch folder and reads them the way
 * the file store reads its files, after checking each against its SHA-256. Every instance keeps the records in
 * memory, reread when any instance saves or deletes a dataset (LISTEN/NOTIFY on {@value #CHANNEL}), when a name is
 * not known here yet, and after the database comes back.
 */
final class PostgresDatasetStore implements DatasetStore {

    static final String CHANNEL = "digitnet_datasets";
    static final int CHUNK_BYTES = 4 << 20;
    private static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(PostgresDatasetStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final ClusterNotifications notifications;
    private final Path scratch;
    private final int chunkBytes;
    private final ConcurrentMap<String, StoredDataset> records = new ConcurrentHashMap<>();
    private final Function<String, Optional<String>> claims;
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();

    /** A store whose datasets are saved without a claimed name (tests of the store alone). */
    PostgresDatasetStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json,
                         ClusterNotifications notifications, Path scratch, int chunkBytes) {
        this(jdbc, transactions, json, notifications, scratch, chunkBytes, name -> Optional.empty());
    }

    /**
     * @param scratch a local folder for the files of a dataset being loaded (removed once it is read)
     * @param claims  the claim by which this instance's upload holds a name ({@link PostgresDatasetReservations})
     */
    PostgresDatasetStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json,
                         ClusterNotifications notifications, Path scratch, int chunkBytes,
                         Function<String, Optional<String>> claims) {
        this.claims = claims;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.notifications = notifications;
        this.scratch = scratch.toAbsolutePath().normalize();
        this.chunkBytes = chunkBytes;
        removeStaleCopies(this.scratch);
        notifications.subscribe(CHANNEL, this::changed);
        notifications.onReconnect(this::reload);
        reload();
    }

    @Override
    public List<StoredDataset> list() {
        return records.values().stream().sorted(Comparator.comparing(StoredDataset::name)).toList();
    }

    @Override
    public Optional<StoredDataset> find(String name) {
        StoredDataset known = records.get(name);
        return known != null ? Optional.of(known) : fetch(name); // just stored by another instance?
    }

    @Override
    public Dataset load(String name) {
        StoredDataset record = find(name).orElseThrow(() -> new UnknownDatasetException(name, records.keySet()));
        Path folder = null;
        try {
            Files.createDirectories(scratch);
            folder = DurableFiles.newTempFolder(scratch);
            for (StandardFile file : StandardFile.values()) {
                download(name, file, folder.resolve(file.gzipName()));
            }
            return StoredIdx.read(record, folder);
        } catch (IOException e) {
            throw new DatasetUnavailableException("dataset '" + name + "' cannot be copied from the database to "
                    + scratch + ": " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                DurableFiles.deleteRecursively(folder);
            }
        }
    }

    @Override
    public StoredDataset save(StoredDataset record, DatasetContent content) {
        String name = record.name();
        if (find(name).isPresent()) {
            throw new DuplicateDatasetException(name);
        }
        StoredDataset stored;
        try {
            stored = transactions.execute(status -> {
                Optional<String> claim = claims.apply(name);
                if (claim.isPresent()) {
                    // the upload's provisioning row, locked till commit; gone or claimed again: the name is lost
                    if (jdbc.update("update datasets set created_at = ?, heartbeat_at = now() where name = ? "
                            + "and claim = ? and status = 'provisioning'", Timestamp.from(record.createdAt()), name,
                            claim.get()) == 0) {
                        throw new DuplicateDatasetException(name);
                    }
                } else {
                    // the row first: it claims the name (another instance inserting it waits here, then fails)
                    jdbc.update("insert into datasets (name, created_at, record) values (?, ?, ?)", name,
                            Timestamp.from(record.createdAt()), "{}");
                }
                Map<String, String> sha256;
                try {
                    sha256 = StoredIdx.write(content, (file, writer) -> {
                        try (Chunks out = new Chunks(name, file.fileName())) {
                            writer.writeTo(out);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                StoredDataset complete = StoredIdx.record(record, content, sha256);
                jdbc.update("update datasets set record = ?, status = 'ready', reason = null, owner = null, "
                        + "claim = null, heartbeat_at = null where name = ?", json.writeValueAsString(complete), name);
                return complete;
            });
        } catch (DuplicateKeyException e) {
            throw new DuplicateDatasetException(name);
        }
        records.put(name, stored);
        notifications.publish(CHANNEL, name);
        log.info("stored dataset {} in the database: {} training and {} test images, {} classes", name,
                stored.trainSize(), stored.testSize(), stored.classNames().size());
        return stored;
    }

    @Override
    public void delete(String name) {
        int deleted = jdbc.update("delete from datasets where name = ? and status = 'ready'", name); // chunks too
        StoredDataset known = records.remove(name);
        if (deleted == 0 && known == null) {
            throw new UnknownDatasetException(name, records.keySet());
        }
        notifications.publish(CHANNEL, name);
        log.info("deleted dataset {} from the database", name);
    }

    /**
     * Copies that a crashed instance left behind; only old ones, since instances may share the folder (a common
     * datasets volume) and a copy being read now is fresh.
     */
    private static void removeStaleCopies(Path scratch) {
        if (!Files.isDirectory(scratch)) {
            return;
        }
        Instant before = Instant.now().minus(STALE_AFTER);
        try (Stream<Path> entries = Files.list(scratch)) {
            for (Path entry : entries.filter(DurableFiles::isLeftover).toList()) {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(before)) {
                    DurableFiles.deleteRecursively(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not clear old dataset copies in {}: {}", scratch, e.getMessage());
        }
    }

    /** Rereads every record (at start and after the database came back). */
    void reload() {
        Map<String, StoredDataset> all = new HashMap<>();
        jdbc.query("select name, record from datasets where status = 'ready'", row -> {
            parse(row.getString(1), row.getString(2)).ifPresent(record -> all.put(record.name(), record));
        });
        for (String name : List.copyOf(records.keySet())) {
            if (!all.containsKey(name) && records.remove(name) != null) {
                removed(name);
            }
        }
        records.putAll(all);
        log.info("dataset store (PostgreSQL): {} uploaded dataset(s)", all.size());
    }

    /** Another instance (or this one) saved or deleted the dataset. */
    private void changed(String name) {
        StoredDataset known = records.get(name);
        Optional<StoredDataset> now = fetch(name);
        if (now.isEmpty()) {
            records.remove(name);
        }
        if (known != null && !now.map(r -> r.createdAt().equals(known.createdAt())).orElse(false)) {
            removed(name); // deleted, or deleted and uploaded again
        }
    }

    @Override
    public void onRemoved(Consumer<String> listener) {
        removalListeners.add(listener);
    }

    private void removed(String name) {
        for (Consumer<String> listener : removalListeners) {
            try {
                listener.accept(name);
            } catch (RuntimeException e) {
                log.warn("a listener failed on the removal of dataset {}: {}", name, e.getMessage());
            }
        }
    }

    private Optional<StoredDataset> fetch(String name) {
        List<String> rows = jdbc.query("select record from datasets where name = ? and status = 'ready'", (r, n) -> r.getString(1), name);
        Optional<StoredDataset> record = rows.stream().findFirst().flatMap(text -> parse(name, text));
        record.ifPresent(r -> records.put(name, r));
        return record;
    }

    private Optional<StoredDataset> parse(String name, String text) {
        try {
            StoredDataset record = json.readValue(text, StoredDataset.class);
            if (!name.equals(record.name())) {
                log.warn("ignoring dataset {}: its record names '{}'", name, record.name());
                return Optional.empty();
            }
            return Optional.of(record);
        } catch (JacksonException e) {
            log.warn("ignoring dataset {}: its record cannot be read ({})", name, e.getMessage());
            return Optional.empty();
        }
    }

    /** Copies a file's chunks, in order, to {@code target}; nothing when the file has none. */
    private void download(String name, StandardFile file, Path target) throws IOException {
        for (int chunk = 0; ; chunk++) {
            List<byte[]> rows = jdbc.query("select content from dataset_chunks where dataset = ? and file = ? "
                    + "and chunk = ?", (r, n) -> r.getBytes(1), name, file.fileName(), chunk);
            if (rows.isEmpty()) {
                return;
            }
            Files.write(target, rows.get(0), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** What is written, as rows of {@code dataset_chunks} of {@link #chunkBytes} bytes, in the caller's transaction. */
    private final class Chunks extends OutputStream {

        private final String dataset;
        private final String file;
        private final byte[] buffer = new byte[chunkBytes];
        private int filled;
        private int index;
        private boolean closed;

        Chunks(String dataset, String file) {
            this.dataset = dataset;
            this.file = file;
        }

        @Override
        public void write(int b) {
            if (filled == buffer.length) {
                insert();
            }
            buffer[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (filled == buffer.length) {
                    insert();
                }
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void close() {
            if (!closed && (filled > 0 || index == 0)) {
                insert();
            }
            closed = true;
        }

        private void insert() {
            jdbc.update("insert into dataset_chunks (dataset, file, chunk, content) values (?, ?, ?, ?)", dataset,
                    file, index++, filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled));
            filled = 0;
        }
    }
}
