package io.digitnet.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class FileDatasetStoreContractTests extends DatasetStoreContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private FileDatasetStore store;

    @Override
    DatasetStore store() {
        if (store == null) {
            store = new FileDatasetStore(dir, JSON);
        }
        return store;
    }

    @Override
    DatasetStore restarted() {
        return new FileDatasetStore(dir, JSON);
    }

    @Override
    void damageTrainingLabels(String name) {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(
                dir.resolve(name).resolve("train-labels-idx1-ubyte.gz")))) {
            out.write(idxLabels(new int[] {2, 2, 2}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void assertNothingStored() {
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
