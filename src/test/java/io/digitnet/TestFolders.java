package io.digitnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data folders of test servers, under {@code target/test-folders} rather than the system temp folder: a Spring
 * context is cached and shared beyond the test class that made its folder, so no class can delete it when it ends,
 * and folders left in {@code /tmp} would pile up with every run. {@code ./mvnw clean} removes these.
 */
public final class TestFolders {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "target", "test-folders");

    private TestFolders() {
    }

    /** A new, empty folder whose name starts with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(ROOT), prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
