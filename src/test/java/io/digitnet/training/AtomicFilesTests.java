package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTests {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeContentEvenWhenTheWriterClosesItsStream() throws IOException {
        Path file = dir.resolve("sub").resolve("a.json");
        AtomicFiles.write(file, out -> {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertThat(file).hasContent("hello");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a.json");
        AtomicFiles.write(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(file).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void leftoversOfInterruptedWritesAreDeleted() throws IOException {
        Files.createDirectories(dir.resolve("job"));
        Files.writeString(dir.resolve("job").resolve(".job.json.42.tmp"), "half");
        Files.writeString(dir.resolve("job").resolve("job.json"), "{}");
        assertThat(AtomicFiles.deleteLeftovers(dir)).isEqualTo(1);
        assertThat(dir.resolve("job").resolve("job.json")).exists();
    }
}
