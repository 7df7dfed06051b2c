package io.digitnet.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a new file can be created in the data directory: one of a byte is created and deleted, and the answer kept
 * for {@link #KEPT}, so that health polling and the requests that write stay cheap. Free bytes are not enough: a
 * filesystem out of inodes still has them, and refuses every new file ("No space left on device"). A directory that
 * does not exist yet counts as writable (the stores create it), as for {@link DiskSpaceGuardFilter}'s free space.
 */
@Component
class DataDirectoryProbe {

    static final Duration KEPT = Duration.ofSeconds(2);

    private final Path dir;
    private Result last;
    private long checkedAt;

    /** @param writable false with {@code problem} saying why */
    record Result(boolean writable, String problem) {
    }

    DataDirectoryProbe(@Value("${management.health.diskspace.path:${digitnet.data-dir:.}}") File dir) {
        this.dir = dir.toPath().toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    /** The last answer, or a new one when it is older than {@link #KEPT}. */
    synchronized Result check() {
        long now = System.nanoTime();
        if (last == null || now - checkedAt >= KEPT.toNanos()) {
            last = probe();
            checkedAt = System.nanoTime();
        }
        return last;
    }

    private Result probe() {
        if (!Files.isDirectory(dir)) {
            return new Result(true, null);
        }
        Path file = null;
        try {
            file = Files.createTempFile(dir, ".write-probe-", ".tmp");
            Files.write(file, new byte[] {1});
            return new Result(true, null);
        } catch (IOException e) {
            String reason = e instanceof FileSystemException failure && failure.getReason() != null
                    ? failure.getReason() : e.getMessage();
            return new Result(false, "no file can be created in " + dir + " (" + reason + ")");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the next probe makes another; this one is a few bytes
                }
            }
        }
    }
}
