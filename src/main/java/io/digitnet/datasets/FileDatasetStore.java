package io.digitnet.datasets;

import io.digitnet.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploaded datasets on the local file system, {@code <dir>/<name>/}: {@code dataset.json} and the four standard IDX
 * files, gzipped. A dataset is written into a temporary folder and moved into place in one step
 * ({@link DurableFiles}), so it is there completely or not at all; leftovers of an interrupted write are removed at
 * start.
 */
final class FileDatasetStore implements DatasetStore {

    static final String RECORD = "dataset.json";
    private static final Logger log = LoggerFactory.getLogger(FileDatasetStore.class);

    private final Path dir;
    private final JsonMapper json;
    private final ConcurrentMap<String, StoredDataset> records = new ConcurrentHashMap<>();

    FileDatasetStore(Path dir, JsonMapper json) {
        this.dir = dir.toAbsolutePath().normalize();
        this.json = json;
        scan();
    }

    @Override
    public List<StoredDataset> list() {
        return records.values().stream().sorted(Comparator.comparing(StoredDataset::name)).toList();
    }

    @Override
    public Optional<StoredDataset> find(String name) {
        return Optional.ofNullable(records.get(name));
    }

    @Override
    public Dataset load(String name) {
        StoredDataset record = find(name).orElseThrow(() -> new UnknownDatasetException(name, records.keySet()));
        return StoredIdx.read(record, dir.resolve(name));
    }

    @Override
    public synchronized StoredDataset save(StoredDataset record, DatasetContent content) {
        Path target = dir.resolve(record.name());
        if (records.containsKey(record.name()) || Files.exists(target)) {
            throw new DuplicateDatasetException(record.name());
        }
        Path temp = null;
        try {
            temp = DurableFiles.newTempFolder(dir);
            Path folder = temp;
            Map<String, String> sha256 = StoredIdx.write(content,
                    (file, writer) -> DurableFiles.writeNew(folder.resolve(file.gzipName()), writer));
            StoredDataset stored = StoredIdx.record(record, content, sha256);
            DurableFiles.writeNew(temp.resolve(RECORD), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
            DurableFiles.fsyncFolder(temp);
            DurableFiles.move(temp, target); // the one step that makes the dataset visible
            records.put(stored.name(), stored);
            log.info("stored dataset {}: {} training and {} test images, {} classes", stored.name(),
                    stored.trainSize(), stored.testSize(), stored.classNames().size());
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store dataset " + record.name() + " in " + dir, e);
        } finally {
            if (temp != null) {
                DurableFiles.deleteRecursively(temp);
            }
        }
    }

    @Override
    public synchronized void delete(String name) {
        if (records.remove(name) == null) {
            throw new UnknownDatasetException(name, records.keySet());
        }
        try {
            DurableFiles.removeAtomically(dir.resolve(name)); // gone in one step; the files follow
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete dataset " + name, e);
        }
        log.info("deleted dataset {}", name);
    }

    private void scan() {
        try {
            Files.createDirectories(dir);
            int leftovers = DurableFiles.deleteLeftovers(dir, 1);
            if (leftovers > 0) {
                log.info("removed {} leftover(s) of interrupted uploads or deletes in {}", leftovers, dir);
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.sorted().toList()) {
                    if (Files.isRegularFile(entry.resolve(RECORD))) {
                        read(entry).ifPresent(record -> records.put(record.name(), record));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded datasets in " + dir, e);
        }
    }

    private Optional<StoredDataset> read(Path folder) {
        try {
            StoredDataset record = json.readValue(Files.readAllBytes(folder.resolve(RECORD)), StoredDataset.class);
            if (!folder.getFileName().toString().equals(record.name())) {
                log.warn("ignoring {}: its {} names '{}'", folder, RECORD, record.name());
                return Optional.empty();
            }
            return Optional.of(record);
        } catch (IOException | JacksonException e) {
            log.warn("ignoring {}: {} cannot be read ({})", folder, RECORD, e.getMessage());
            return Optional.empty();
        }
    }
}
