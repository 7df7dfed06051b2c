package io.digitnet.datasets;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Installs the wanted dataset files found in one folder of a tar archive. */
final class TarEntries {

    private TarEntries() {
    }

    /** @param folder the folder inside the archive, e.g. {@code package/data/} (a leading {@code ./} is ignored) */
    static void install(TarArchiveInputStream tar, String folder, MissingFiles missing) throws IOException {
        TarArchiveEntry entry;
        while (!missing.isEmpty() && (entry = tar.getNextEntry()) != null) {
            String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
            if (!entry.isFile() || !name.startsWith(folder)) {
                continue;
            }
            Optional<StandardFile> wanted = missing.wanted(name.substring(folder.length()));
            if (wanted.isPresent()) {
                missing.install(tar, wanted.get());   // the tar stream yields the current entry's content
            }
        }
    }

    /** Checks an archive's own SHA-256 when one is known (blank: not checked; its files are verified anyway). */
    static void checkSha256(Path archive, String expected, Object origin) throws IOException {
        if (expected.isBlank()) {
            return;
        }
        String actual = IdxContent.sha256OfBytes(archive);
        if (!expected.equals(actual)) {
            throw new MissingFiles.ChecksumMismatchException(origin + " has SHA-256 " + actual + ", expected "
                    + expected);
        }
    }
}
