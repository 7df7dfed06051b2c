package io.digitnet.datasets;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploaded datasets on the local file system, {@code <dir>/<name>/}: {@code dataset.json} and the four standard IDX
 * files, gzipped. A dataset is written into a temporary folder, fsynced and renamed into place in one step, so it
 * is there completely or not at all; leftovers of an interrupted write are removed at start.
 */
final class FileDatasetStore implements DatasetStore {

    static final String RECORD = "dataset.json";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String TRASH_PREFIX = ".trash-";
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
        Path folder = dir.resolve(name);
        try {
            for (Map.Entry<String, String> file : record.sha256().entrySet()) {
                String actual = IdxContent.sha256(folder.resolve(file.getKey() + ".gz"));
                if (!actual.equals(file.getValue())) {
                    throw new DatasetUnavailableException("dataset '" + name + "': " + file.getKey()
                            + " has SHA-256 " + actual + " but " + RECORD + " records " + file.getValue());
                }
            }
            int classes = record.classNames().size();
            LabeledImages train = IdxFiles.read(file(folder, StandardFile.TRAIN_IMAGES),
                    file(folder, StandardFile.TRAIN_LABELS), classes);
            LabeledImages test = IdxFiles.read(file(folder, StandardFile.TEST_IMAGES),
                    file(folder, StandardFile.TEST_LABELS), classes);
            return new Dataset(name, train, test, record.classNames());
        } catch (NoSuchFileException e) {
            throw new DatasetUnavailableException("dataset '" + name + "' is damaged: " + e.getFile() + " is missing");
        } catch (IOException | UncheckedIOException | InvalidIdxFileException e) {
            throw new DatasetUnavailableException("dataset '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized StoredDataset save(StoredDataset record, DatasetContent content) {
        Path target = dir.resolve(record.name());
        if (records.containsKey(record.name()) || Files.exists(target)) {
            throw new DuplicateDatasetException(record.name());
        }
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
            Map<String, String> sha256 = new LinkedHashMap<>();
            sha256.put(StandardFile.TRAIN_IMAGES.fileName(), writeImages(file(temp, StandardFile.TRAIN_IMAGES),
                    content.train()));
            sha256.put(StandardFile.TRAIN_LABELS.fileName(), writeLabels(file(temp, StandardFile.TRAIN_LABELS),
                    content.train()));
            sha256.put(StandardFile.TEST_IMAGES.fileName(), writeImages(file(temp, StandardFile.TEST_IMAGES),
                    content.test()));
            sha256.put(StandardFile.TEST_LABELS.fileName(), writeLabels(file(temp, StandardFile.TEST_LABELS),
                    content.test()));
            StoredDataset stored = new StoredDataset(record.name(), record.source(), content.classNames(),
                    content.counts(content.train()), content.counts(content.test()), sha256, record.createdAt());
            try (OutputStream out = Files.newOutputStream(temp.resolve(RECORD))) {
                out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
            }
            fsync(temp.resolve(RECORD));
            fsync(temp);
            move(temp, target); // the one step that makes the dataset visible
            fsync(dir);
            records.put(stored.name(), stored);
            log.info("stored dataset {}: {} training and {} test images, {} classes", stored.name(),
                    stored.trainSize(), stored.testSize(), stored.classNames().size());
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store dataset " + record.name() + " in " + dir, e);
        } finally {
            deleteRecursively(temp);
        }
    }

    @Override
    public synchronized void delete(String name) {
        if (records.remove(name) == null) {
            throw new UnknownDatasetException(name, records.keySet());
        }
        Path trash = dir.resolve(TRASH_PREFIX + UUID.randomUUID());
        try {
            move(dir.resolve(name), trash); // gone in one step; the files follow
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete dataset " + name, e);
        }
        deleteRecursively(trash);
        log.info("deleted dataset {}", name);
    }

    private void scan() {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.sorted().toList()) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX) || name.startsWith(TRASH_PREFIX)) {
                        log.info("removing {}, left over by an interrupted upload or delete", entry);
                        deleteRecursively(entry);
                    } else if (Files.isRegularFile(entry.resolve(RECORD))) {
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

    private static Path file(Path folder, StandardFile file) {
        return folder.resolve(file.gzipName());
    }

    /** idx3: magic, n, 28, 28, then the pixels; returns the SHA-256 of that content (before gzip). */
    private static String writeImages(Path file, DatasetContent.Split split) throws IOException {
        return writeIdx(file, out -> {
            out.writeInt(IdxFiles.IMAGES_MAGIC);
            out.writeInt(split.size());
            out.writeInt(IdxFiles.ROWS);
            out.writeInt(IdxFiles.COLUMNS);
            out.write(split.pixels(), 0, split.size() * IdxFiles.PIXELS);
        });
    }

    private static String writeLabels(Path file, DatasetContent.Split split) throws IOException {
        return writeIdx(file, out -> {
            out.writeInt(IdxFiles.LABELS_MAGIC);
            out.writeInt(split.size());
            for (int label : split.labels()) {
                out.write(label);
            }
        });
    }

    private interface IdxWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static String writeIdx(Path file, IdxWriter writer) throws IOException {
        MessageDigest digest = sha256();
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
             GZIPOutputStream gzip = new GZIPOutputStream(raw, IdxContent.BUFFER) {
                 { def.setLevel(Deflater.BEST_SPEED); }
             };
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                     new DigestOutputStream(gzip, digest), IdxContent.BUFFER))) {
            writer.write(out);
        }
        fsync(file);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        }
    }

    private static void fsync(Path path) {
        boolean directory = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename is still atomic
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> all = new ArrayList<>(walk.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("could not remove {}: {}", path, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
