package io.digitnet.datasets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes sure a dataset's four files are in {@code <root>/<name>/} and verified: files already there are checked
 * against their SHA-256; missing ones are obtained from the dataset's sources in order, each verified before it is
 * renamed into place. One dataset is provisioned by one thread at a time; other processes may provision the same
 * folder concurrently (every file appears by an atomic rename of identical, verified content).
 */
final class DatasetProvisioner {

    private static final Logger log = LoggerFactory.getLogger(DatasetProvisioner.class);

    private static final Duration STALE_TEMP_FILE_AGE = Duration.ofHours(1);

    private final Path root;
    private final boolean download;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    /**
     * Files this process has verified, with the size and modification time they had then: hashing 55 MB costs
     * 0.05-0.3 s (more for gzip), which is worth paying once per process, not on every call.
     */
    private final ConcurrentMap<Path, Stamp> verified = new ConcurrentHashMap<>();

    private record Stamp(long size, FileTime modified) {
        static Stamp of(Path file) throws IOException {
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file));
        }
    }

    DatasetProvisioner(Path root, boolean download) {
        this.root = root;
        this.download = download;
    }

    /** @throws DatasetUnavailableException when a file is corrupt or a missing one cannot be obtained */
    DatasetFiles ensure(DatasetSpec spec) {
        synchronized (locks.computeIfAbsent(spec.name(), name -> new Object())) {
            Path dir = root.resolve(spec.name()).toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
                Set<StandardFile> missing = checkPresent(spec, dir);
                if (!missing.isEmpty()) {
                    removeStaleTempFiles(dir);
                    provision(spec, new MissingFiles(spec.name(), dir, spec.sha256(), missing));
                }
                return collect(dir);
            } catch (IOException e) {
                throw new DatasetUnavailableException("dataset '" + spec.name() + "': cannot use " + dir + ": " + e,
                        e);
            }
        }
    }

    /** Verifies the files that are there and returns those that are not. */
    private Set<StandardFile> checkPresent(DatasetSpec spec, Path dir) throws IOException {
        Set<StandardFile> missing = EnumSet.noneOf(StandardFile.class);
        int hashed = 0;
        for (StandardFile file : StandardFile.values()) {
            Path present = find(dir, file);
            if (present == null) {
                missing.add(file);
                continue;
            }
            Stamp stamp = Stamp.of(present);
            if (stamp.equals(verified.get(present))) {
                continue;
            }
            String actual = IdxContent.sha256(present);
            String expected = spec.sha256().get(file);
            if (!expected.equals(actual)) {
                throw new DatasetUnavailableException("dataset '" + spec.name() + "': " + present
                        + " is corrupt or not the expected file: its content has SHA-256 " + actual + " but "
                        + expected + " was expected. Delete it to have it obtained again, or replace it with the"
                        + " right file. " + ManualInstructions.sources(spec));
            }
            verified.put(present, stamp);
            hashed++;
        }
        if (hashed > 0) {
            log.info("dataset {}: {} of 4 files present and verified in {}", spec.name(), 4 - missing.size(), dir);
        }
        return missing;
    }

    private void provision(DatasetSpec spec, MissingFiles missing) {
        log.info("dataset {}: obtaining {} into {}", spec.name(), names(missing.remaining()), missing.dir());
        List<String> failures = new ArrayList<>();
        for (DatasetSource source : spec.sources()) {
            if (missing.isEmpty()) {
                break;
            }
            if (source.remote() && !download) {
                failures.add(source.description() + ": skipped, downloads are off (digitnet.datasets.download)");
                continue;
            }
            log.info("dataset {}: trying {}", spec.name(), source.description());
            try {
                source.provide(missing);
                if (!missing.isEmpty()) {
                    failures.add(source.description() + ": does not have " + names(missing.remaining()));
                }
            } catch (IOException | RuntimeException e) {
                String reason = Failures.describe(e);
                failures.add(source.description() + ": " + reason);
                log.warn("dataset {}: {} failed: {}{}", spec.name(), source.description(), reason,
                        missing.isEmpty() ? "" : "; trying the next source");
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetUnavailableException(ManualInstructions.unavailable(spec, missing, failures));
        }
        // installed files were verified on their way in
        for (StandardFile file : StandardFile.values()) {
            Path present = find(missing.dir(), file);
            try {
                verified.put(present, Stamp.of(present));
            } catch (IOException e) {
                log.debug("cannot stamp {}: {}", present, e.toString());
            }
        }
        log.info("dataset {}: all files present and verified in {}", spec.name(), missing.dir());
    }

    /**
     * Temporary files are removed by whoever created them, except when a process is killed mid-download; those are
     * cleared here once they are clearly abandoned (another process may be writing a fresh one right now).
     */
    private static void removeStaleTempFiles(Path dir) throws IOException {
        Instant abandoned = Instant.now().minus(STALE_TEMP_FILE_AGE);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".part")
                        && Files.getLastModifiedTime(file).toInstant().isBefore(abandoned)) {
                    log.info("removing abandoned temporary file {}", file);
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static DatasetFiles collect(Path dir) {
        Map<StandardFile, Path> files = new EnumMap<>(StandardFile.class);
        for (StandardFile file : StandardFile.values()) {
            files.put(file, find(dir, file));
        }
        return new DatasetFiles(dir, files);
    }

    /** The raw file, else the gzipped one, else null. */
    private static Path find(Path dir, StandardFile file) {
        Path raw = dir.resolve(file.fileName());
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gzip = dir.resolve(file.gzipName());
        return Files.isRegularFile(gzip) ? gzip : null;
    }

    private static String names(Set<StandardFile> files) {
        return files.stream().map(StandardFile::fileName).collect(Collectors.joining(", "));
    }
}
