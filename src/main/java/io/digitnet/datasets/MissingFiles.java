package io.digitnet.datasets;

import io.digitnet.files.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of one dataset that are still missing from its folder, and the one way in for new ones:
 * {@link #install} verifies a file's SHA-256 and then renames it into place, so a file under a standard name is
 * always complete and verified. Used by the one thread that provisions the dataset.
 */
final class MissingFiles {

    private static final Logger log = LoggerFactory.getLogger(MissingFiles.class);

    private final String dataset;
    private final Path dir;
    private final Map<StandardFile, String> sha256;
    private final Set<StandardFile> missing;

    MissingFiles(String dataset, Path dir, Map<StandardFile, String> sha256, Set<StandardFile> missing) {
        this.dataset = dataset;
        this.dir = dir;
        this.sha256 = Map.copyOf(sha256);
        this.missing = missing.isEmpty() ? EnumSet.noneOf(StandardFile.class) : EnumSet.copyOf(missing);
    }

    Path dir() {
        return dir;
    }

    Set<StandardFile> remaining() {
        return missing.isEmpty() ? Set.of() : EnumSet.copyOf(missing);
    }

    boolean isEmpty() {
        return missing.isEmpty();
    }

    /** The still-missing file that an archive entry or a file called {@code name} (raw or .gz) would provide. */
    Optional<StandardFile> wanted(String name) {
        return StandardFile.ofName(name).filter(missing::contains);
    }

    /** Copies {@code content} to a temporary file in the dataset's folder, then installs it as below. */
    void install(InputStream content, StandardFile file) throws IOException {
        // same folder, same file system: the final rename is atomic
        Path temp = Files.createTempFile(dir, ".provision-", ".part");
        try {
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        install(temp, file);
    }

    /**
     * Verifies {@code temp} (a file in the dataset's folder) against the SHA-256 of {@code file} and renames it to
     * the standard name, with {@code .gz} when its content is gzipped. The temporary file is gone afterwards, whatever
     * happens.
     *
     * @throws ChecksumMismatchException when the content is not the expected one
     */
    void install(Path temp, StandardFile file) throws IOException {
        boolean installed = false;
        try {
            String expected = sha256.get(file);
            String actual = IdxContent.sha256(temp);
            if (!expected.equals(actual)) {
                throw new ChecksumMismatchException(file.fileName() + " has SHA-256 " + actual + ", expected "
                        + expected);
            }
            boolean gzip = IdxContent.isGzip(temp);
            Path target = dir.resolve(gzip ? file.gzipName() : file.fileName());
            DurableFiles.publish(temp, target);
            installed = true;
            missing.remove(file);
            log.info("dataset {}: installed {} (SHA-256 verified)", dataset, target);
        } finally {
            if (!installed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A provided file whose content is not the known one. */
    static final class ChecksumMismatchException extends IOException {
        ChecksumMismatchException(String message) {
            super(message);
        }
    }
}
