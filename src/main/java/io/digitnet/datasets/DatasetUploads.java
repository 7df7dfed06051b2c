package io.digitnet.datasets;

import io.digitnet.files.DurableFiles;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Turns an upload into a stored dataset: the parts are staged to files, the format is told from the content (a
 * Kaggle-style CSV, IDX files as parts or in a zip, a zip of image folders), every image and label is checked, a
 * stratified test part is held out when none came, and the result is stored in one step. Any problem leaves nothing
 * behind: not a file, not a name. Large uploads are processed in the background (the dataset is
 * {@code provisioning} until then).
 */
@Service
public class DatasetUploads {

    /** The request part of a single-file upload. */
    public static final String FILE = "file";
    public static final List<String> IDX_PARTS = List.of("train-images", "train-labels", "test-images",
            "test-labels");
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    static final int MAX_CLASS_NAME_LENGTH = 100;
    private static final Logger log = LoggerFactory.getLogger(DatasetUploads.class);

    /** What the optional {@code metadata} part says; both fields optional. */
    public record Metadata(String name, List<String> classNames) {
    }

    /** One part of the request, read from {@code content}. */
    public record Part(String name, String fileName, InputStream content) {
    }

    /** @param inBackground true when the dataset is still being processed (answer 202) */
    public record Outcome(DatasetDescription dataset, boolean inBackground) {
    }

    private final Datasets datasets;
    /** Looked up when needed: the features that use datasets are built on top of them. */
    private final ObjectProvider<DatasetUsage> usages;
    private final DatasetUploadSettings settings;
    private final Path staging;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dataset-upload");
        thread.setDaemon(true);
        return thread;
    });

    DatasetUploads(Datasets datasets, DatasetUploadSettings settings, DatasetsSettings datasetsSettings,
                   ObjectProvider<DatasetUsage> usages) {
        this.datasets = datasets;
        this.usages = usages;
        this.settings = settings;
        Path dir = settings.dir() != null ? settings.dir() : datasetsSettings.dir().resolve("uploads");
        this.staging = dir.toAbsolutePath().normalize();
    }

    /**
     * @throws InvalidDatasetException  naming the part, line or entry and the reason
     * @throws UploadTooLargeException  past a configured limit
     */
    public Outcome upload(Metadata metadata, List<Part> parts) {
        Metadata meta = metadata == null ? new Metadata(null, null) : metadata;
        checkParts(parts);
        List<String> classNames = checkClassNames(meta.classNames());
        String name = name(meta.name(), parts);
        DatasetDescription.Source source = new DatasetDescription.Source(DatasetDescription.Source.UPLOADED,
                fileNames(parts), null);
        if (!datasets.reserve(name, source)) {
            throw new DuplicateDatasetException(name);
        }
        Path folder = null;
        boolean inBackground = false;
        try {
            folder = Files.createDirectories(staging).resolve(".tmp-upload-" + java.util.UUID.randomUUID());
            Files.createDirectory(folder);
            Map<String, Path> files = stage(parts, folder);
            long bytes = 0;
            for (Path file : files.values()) {
                bytes += Files.size(file);
            }
            if (bytes > settings.backgroundAbove().toBytes()) {
                Path staged = folder;
                background.submit(() -> processInBackground(name, source, classNames, files, staged));
                inBackground = true; // the background task owns the folder and the name now
                return new Outcome(datasets.describe(name), true);
            }
            StoredDataset stored = process(name, source, classNames, files);
            return new Outcome(stored.describe(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage the upload of dataset " + name, e);
        } finally {
            if (!inBackground) {
                if (folder != null) {
                    DurableFiles.deleteRecursively(folder);
                }
                datasets.settled(name);
            }
        }
    }

    private void processInBackground(String name, DatasetDescription.Source source, List<String> classNames,
                                     Map<String, Path> files, Path folder) {
        try {
            process(name, source, classNames, files);
            datasets.settled(name);
        } catch (RuntimeException | IOException e) {
            log.info("upload of dataset {} failed: {}", name, e.getMessage());
            datasets.failed(name, e.getMessage());
        } finally {
            DurableFiles.deleteRecursively(folder);
        }
    }

    private StoredDataset process(String name, DatasetDescription.Source source, List<String> classNames,
                                  Map<String, Path> files) throws IOException {
        long started = System.nanoTime();
        InflationBudget budget = new InflationBudget(settings.maxUncompressed().toBytes());
        Read read = files.containsKey(FILE) ? readFile(files.get(FILE), classNames, budget)
                : readIdxParts(files, classNames, budget);
        DatasetContent content = finish(read.content(), classNames);
        StoredDataset record = new StoredDataset(name, new DatasetDescription.Source(source.kind(), source.file(),
                read.format()), content.classNames(), new int[0], new int[0], Map.of(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        StoredDataset stored = datasets.store().save(record, content);
        log.info("dataset {} uploaded ({}, {} classes) in {} s", name, read.format(), content.classNames().size(),
                String.format("%.2f", (System.nanoTime() - started) / 1e9));
        return stored;
    }

    private record Read(DatasetContent content, String format) {
    }

    private Read readFile(Path file, List<String> classNames, InflationBudget budget) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            try (ZipUpload zip = new ZipUpload(file, FILE, settings.maxImages() + 10_000)) {
                if (ImageFolders.looksLikeImageFolders(zip)) {
                    return new Read(ImageFolders.read(zip, classNames, budget, settings), "image-folders");
                }
                return new Read(readIdxZip(zip, classNames, budget), "idx");
            }
        }
        try (InputStream content = IdxUpload.content(Files.newInputStream(file), budget)) {
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(content, IdxContent.BUFFER);
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            if (magic.length == 4 && magic[0] == 0 && magic[1] == 0 && magic[2] == 8 && (magic[3] == 1 || magic[3] == 3)) {
                throw new InvalidDatasetException(FILE, FILE + ": a single IDX file; send the images and the labels "
                        + "together: a zip of the IDX files, or the parts " + String.join(", ", IDX_PARTS));
            }
            int limit = classNames != null ? classNames.size() : settings.maxClasses();
            String reason = classNames != null ? "classNames (0.." + (limit - 1) + ")"
                    : "0.." + (limit - 1) + " (digitnet.datasets.uploads.max-classes is " + limit + ")";
            ImageCollector images = new ImageCollector(settings.maxImages());
            new CsvDatasetReader(FILE, limit, reason).read(in, images);
            if (images.size() == 0) {
                throw new InvalidDatasetException(FILE, FILE + ": the CSV has no rows of data");
            }
            return new Read(new DatasetContent(classNamesFor(classNames, images.maxLabel()), images.toSplit(), null),
                    "csv");
        }
    }

    private DatasetContent readIdxZip(ZipUpload zip, List<String> classNames, InflationBudget budget)
            throws IOException {
        Map<String, ZipEntry> byRole = new LinkedHashMap<>();
        for (ZipEntry entry : zip.entries()) {
            Optional<String> role = idxRole(ZipUpload.baseName(entry.getName()));
            if (role.isPresent()) {
                ZipEntry other = byRole.put(role.get(), entry);
                if (other != null) {
                    throw new InvalidDatasetException(FILE, FILE + ": both '" + other.getName() + "' and '"
                            + entry.getName() + "' look like the " + role.get() + " file");
                }
            }
        }
        if (!byRole.containsKey("train-images") || !byRole.containsKey("train-labels")) {
            throw new InvalidDatasetException(FILE, FILE + ": the zip holds neither train/<class>/ image folders nor "
                    + "IDX files for train-images and train-labels (e.g. train-images-idx3-ubyte.gz)");
        }
        Map<String, IdxSource> sources = new LinkedHashMap<>();
        byRole.forEach((role, entry) -> sources.put(role, () -> zip.open(entry)));
        Map<String, String> where = new LinkedHashMap<>();
        byRole.forEach((role, entry) -> where.put(role, FILE + ": entry '" + entry.getName() + "'"));
        return readIdx(sources, where, classNames, budget);
    }

    private Read readIdxParts(Map<String, Path> files, List<String> classNames, InflationBudget budget)
            throws IOException {
        Map<String, IdxSource> sources = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        files.forEach((part, file) -> {
            sources.put(part, () -> Files.newInputStream(file));
            where.put(part, "part '" + part + "'");
        });
        return new Read(readIdx(sources, where, classNames, budget), "idx");
    }

    private interface IdxSource {
        InputStream open() throws IOException;
    }

    private DatasetContent readIdx(Map<String, IdxSource> sources, Map<String, String> where,
                                   List<String> classNames, InflationBudget budget) throws IOException {
        if (sources.containsKey("test-images") != sources.containsKey("test-labels")) {
            throw new InvalidDatasetException(sources.containsKey("test-images") ? "test-labels" : "test-images",
                    "test-images and test-labels come together, or not at all");
        }
        DatasetContent.Split train = idxSplit(sources, where, "train", budget, settings.maxImages());
        DatasetContent.Split test = sources.containsKey("test-images")
                ? idxSplit(sources, where, "test", budget, settings.maxImages() - train.size()) : null;
        int max = -1;
        for (DatasetContent.Split split : test == null ? List.of(train) : List.of(train, test)) {
            for (int i = 0; i < split.size(); i++) {
                int label = split.labels()[i];
                int limit = classNames != null ? classNames.size() : settings.maxClasses();
                if (label >= limit) {
                    String part = split == train ? "train-labels" : "test-labels";
                    throw new InvalidDatasetException(part, where.get(part) + ": label " + label + " at index " + i
                            + " is outside " + (classNames != null ? "classNames (0.." + (limit - 1) + ")"
                            : "0.." + (limit - 1) + " (digitnet.datasets.uploads.max-classes)"));
                }
                max = Math.max(max, label);
            }
        }
        return new DatasetContent(classNamesFor(classNames, max), train, test);
    }

    private static DatasetContent.Split idxSplit(Map<String, IdxSource> sources, Map<String, String> where,
                                                 String split, InflationBudget budget, int maxImages)
            throws IOException {
        int[] labels;
        try (InputStream in = IdxUpload.content(sources.get(split + "-labels").open(), budget)) {
            labels = IdxUpload.labels(in, where.get(split + "-labels"), maxImages);
        }
        byte[] pixels;
        try (InputStream in = IdxUpload.content(sources.get(split + "-images").open(), budget)) {
            pixels = IdxUpload.images(in, where.get(split + "-images"), labels.length);
        }
        return new DatasetContent.Split(pixels, labels);
    }

    /** Classes present, at least two; a stratified test part when none came; both parts non-empty. */
    private DatasetContent finish(DatasetContent read, List<String> declared) {
        int classes = read.classNames().size();
        if (classes > settings.maxClasses()) {
            // a limit like those on bytes and images (413), unlike a label outside the declared classes (400)
            throw new UploadTooLargeException("the upload has " + classes + " classes; at most "
                    + settings.maxClasses() + " are allowed (digitnet.datasets.uploads.max-classes)");
        }
        Set<Integer> present = new HashSet<>();
        for (int label : read.train().labels()) {
            present.add(label);
        }
        if (present.size() < ClassNames.MIN) {
            throw new InvalidDatasetException(FILE, "the training images all have one class ("
                    + read.classNames().get(present.isEmpty() ? 0 : present.iterator().next())
                    + "); a classifier needs at least " + ClassNames.MIN);
        }
        DatasetContent.Split train = read.train();
        DatasetContent.Split test = read.test();
        if (test == null) {
            DatasetContent.Split[] parts = StratifiedSplit.split(train, classes);
            train = parts[0];
            test = parts[1];
        }
        if (test.size() == 0) {
            throw new InvalidDatasetException(FILE, "too few images to hold out a test part (1/6 of each class): "
                    + "send at least 6 images of a class, or a test split");
        }
        return new DatasetContent(read.classNames(), train, test);
    }

    private static List<String> classNamesFor(List<String> declared, int maxLabel) {
        return declared != null ? declared : ClassNames.numbered(Math.max(maxLabel + 1, 1));
    }

    private Map<String, Path> stage(List<Part> parts, Path folder) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        long total = 0;
        for (Part part : parts) {
            Path file = folder.resolve(part.name());
            try (InputStream in = part.content()) {
                total += Files.copy(in, file);
            }
            if (total > settings.maxBytes().toBytes()) {
                throw new UploadTooLargeException("the upload has more than " + settings.maxBytes().toBytes()
                        + " bytes (digitnet.datasets.uploads.max-bytes)");
            }
            files.put(part.name(), file);
        }
        return files;
    }

    private static void checkParts(List<Part> parts) {
        Set<String> names = new HashSet<>();
        for (Part part : parts) {
            if (!part.name().equals(FILE) && !IDX_PARTS.contains(part.name())) {
                throw new InvalidDatasetException(part.name(), "unknown part '" + part.name() + "'; send 'file' "
                        + "(a CSV or a zip), or the IDX parts " + String.join(", ", IDX_PARTS));
            }
            if (!names.add(part.name())) {
                throw new InvalidDatasetException(part.name(), "the part '" + part.name() + "' appears twice");
            }
        }
        if (names.contains(FILE) && names.size() > 1) {
            throw new InvalidDatasetException(FILE, "send either 'file' or the IDX parts, not both");
        }
        if (names.isEmpty()) {
            throw new InvalidDatasetException(FILE, "the part 'file' is required (a CSV, a zip of IDX files or of "
                    + "image folders), or the IDX parts " + String.join(", ", IDX_PARTS));
        }
        if (!names.contains(FILE) && !(names.contains("train-images") && names.contains("train-labels"))) {
            throw new InvalidDatasetException(names.contains("train-images") ? "train-labels" : "train-images",
                    "IDX parts need at least train-images and train-labels");
        }
    }

    private List<String> checkClassNames(List<String> names) {
        if (names == null) {
            return null;
        }
        if (names.size() < ClassNames.MIN || names.size() > settings.maxClasses()) {
            throw new InvalidDatasetException("classNames", "classNames has " + names.size() + " names; a dataset has "
                    + ClassNames.MIN + " to " + settings.maxClasses() + " classes");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank() || name.length() > MAX_CLASS_NAME_LENGTH
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidDatasetException("classNames", "classNames[" + i + "] must be 1 to "
                        + MAX_CLASS_NAME_LENGTH + " printable characters");
            }
            if (!seen.add(name)) {
                throw new InvalidDatasetException("classNames", "classNames[" + i + "] '" + name
                        + "' appears twice");
            }
        }
        return List.copyOf(names);
    }

    /** The metadata's name, else one made from the file's name ("Kaggle train.csv" → "kaggle-train"). */
    private static String name(String declared, List<Part> parts) {
        if (declared != null) {
            if (!NAME.matcher(declared).matches()) {
                throw new InvalidDatasetException("name", "name '" + declared + "' must be 1 to 63 lower-case "
                        + "letters, digits and '-', starting with a letter");
            }
            return declared;
        }
        String fileName = parts.get(0).fileName();
        String base = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "").replaceAll("(\\.[A-Za-z0-9]+)+$", "");
        String derived = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+|-+$", "");
        if (derived.length() > 63) {
            derived = derived.substring(0, 63).replaceAll("-+$", "");
        }
        if (!NAME.matcher(derived).matches()) {
            throw new InvalidDatasetException("name", "give the dataset a name: metadata {\"name\":\"my-digits\"} "
                    + "(the file name '" + fileName + "' makes none)");
        }
        return derived;
    }

    private static String fileNames(List<Part> parts) {
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            names.add(part.fileName() == null ? part.name() : part.fileName());
        }
        return String.join(", ", names);
    }

    static Optional<String> idxRole(String baseName) {
        boolean train = baseName.contains("train");
        boolean test = baseName.contains("test") || baseName.contains("t10k");
        boolean images = baseName.contains("images") || baseName.contains("idx3");
        boolean labels = baseName.contains("labels") || baseName.contains("idx1");
        if (train == test || images == labels) {
            return Optional.empty();
        }
        return Optional.of((train ? "train" : "test") + (images ? "-images" : "-labels"));
    }

    /**
     * Deletes an uploaded dataset (or the record of a failed upload).
     *
     * @throws DatasetNotFoundException for an unknown name
     * @throws DatasetInUseException    for a built-in dataset, one still being processed, one that queued or running
     *                                  jobs train on, or one whose models have aliases
     */
    public synchronized void delete(String name) {
        if (!datasets.exists(name)) {
            throw new DatasetNotFoundException("no dataset called '" + name + "'");
        }
        if (datasets.isBuiltIn(name)) {
            throw new DatasetInUseException("'" + name + "' is a built-in dataset; built-in datasets cannot be deleted");
        }
        if (DatasetDescription.PROVISIONING.equals(datasets.describe(name).status())) {
            throw new DatasetInUseException("dataset '" + name + "' is still being processed; delete it once it is "
                    + "ready or failed");
        }
        List<String> uses = new ArrayList<>();
        usages.orderedStream().forEach(usage -> uses.addAll(usage.uses(name)));
        if (!uses.isEmpty()) {
            throw new DatasetInUseException("dataset '" + name + "' is in use: " + String.join("; ", uses));
        }
        datasets.delete(name);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
