package io.digitnet.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTests {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeContentEvenWhenTheWriterClosesItsStream() throws IOException {
        Path file = dir.resolve("a.json");
        DurableFiles.write(file, out -> {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertThat(file).hasContent("hello");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("a.json");
        DurableFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));
        DurableFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("new");
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a.json");
        DurableFiles.write(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> DurableFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(file).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aWriteIntoAFolderThatWasDeletedFailsInsteadOfBringingItBack() {
        Path gone = dir.resolve("deleted-model");
        assertThatThrownBy(() -> DurableFiles.write(gone.resolve("evaluation.json"), new byte[] {1}))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(gone).doesNotExist();
    }

    @Test
    void aTemporaryFolderBecomesVisibleInOneRename() throws IOException {
        Path temp = DurableFiles.newTempFolder(dir);
        DurableFiles.writeNew(temp.resolve("weights.npz"), new byte[] {1, 2, 3});
        assertThat(DurableFiles.isLeftover(temp)).isTrue();
        DurableFiles.move(temp, dir.resolve("model"));
        assertThat(dir.resolve("model").resolve("weights.npz")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(temp).doesNotExist();
    }

    @Test
    void aPublishedFileAppearsUnderItsNameAndTheTemporaryOneIsGone() throws IOException {
        Path temp = DurableFiles.newTempFile(dir);
        Files.writeString(temp, "data");
        DurableFiles.publish(temp, dir.resolve("train-images-idx3-ubyte"));
        assertThat(dir.resolve("train-images-idx3-ubyte")).hasContent("data");
        assertThat(temp).doesNotExist();
    }

    @Test
    void aRemovedFolderIsGone() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.writeString(folder.resolve("model.json"), "{}");
        DurableFiles.removeAtomically(folder);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void leftoversOfInterruptedWritesAreDeletedTodaysAndEarlierVersionsNames() throws IOException {
        Path job = Files.createDirectories(dir.resolve("job"));
        Files.writeString(job.resolve(".job.json.42.tmp"), "half");           // written by earlier versions
        Files.writeString(job.resolve(".tmp-job.json-1234"), "half");
        Files.createDirectories(dir.resolve(".trash-model-1234")).resolve("x");
        Files.writeString(job.resolve("job.json"), "{}");
        assertThat(DurableFiles.deleteLeftovers(dir, 2)).isEqualTo(3);
        try (var files = Files.walk(dir)) {
            assertThat(files).containsExactlyInAnyOrder(dir, job, job.resolve("job.json"));
        }
    }

    @Test
    void sha256IsTheSameForBytesStreamsAndFiles() throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        String expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Path file = Files.write(dir.resolve("abc"), abc);
        assertThat(Sha256.of(abc)).isEqualTo(expected);
        assertThat(Sha256.of(new ByteArrayInputStream(abc))).isEqualTo(expected);
        assertThat(Sha256.of(file)).isEqualTo(expected);
    }
}
