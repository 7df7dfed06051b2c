package io.digitnet.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.files.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DatasetStore} adapter must do, run against each: the file store and the PostgreSQL one. A
 * subclass gives a fresh, empty store, can "restart" (a second store on the same storage), damage a stored file and
 * say that nothing at all is stored.
 */
abstract class DatasetStoreContract {

    static final List<String> CLASSES = List.of("cat", "dog", "bird");

    abstract DatasetStore store();

    abstract DatasetStore restarted();

    /** Changes the stored content of the dataset's training labels (as a disk or a hand would). */
    abstract void damageTrainingLabels(String name);

    /** Nothing stored, not even a part of a dataset or a temporary file. */
    abstract void assertNothingStored();

    static StoredDataset record(String name) {
        return new StoredDataset(name, new DatasetDescription.Source(DatasetDescription.Source.UPLOADED,
                name + ".csv", "csv"), CLASSES, new int[0], new int[0], Map.of(), Instant.parse("2026-11-29T12:00:00Z"));
    }

    /** Random pixels (they do not compress, so they fill several database chunks) and labels 0, 1, 2 in turn. */
    static DatasetContent content(int train, int test, long seed) {
        return new DatasetContent(CLASSES, split(train, seed), split(test, seed + 1));
    }

    static DatasetContent.Split split(int n, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * 784];
        random.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES.size();
        }
        return new DatasetContent.Split(pixels, labels);
    }

    /** The idx1 content of labels, as the record's checksum covers it (before gzip). */
    static byte[] idxLabels(int[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.write(label);
        }
        return bytes.toByteArray();
    }

    @Test
    void storesADatasetWithItsChecksumsAndReadsItBackAfterARestart() throws IOException {
        DatasetContent content = content(200, 40, 7);
        StoredDataset stored = store().save(record("pets"), content);

        assertThat(stored.classNames()).isEqualTo(CLASSES);
        assertThat(stored.trainCounts()).containsExactly(67, 67, 66);
        assertThat(stored.testCounts()).containsExactly(14, 13, 13);
        assertThat(stored.sha256()).containsOnlyKeys("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        assertThat(stored.sha256().get("train-labels-idx1-ubyte"))
                .isEqualTo(Sha256.of(idxLabels(content.train().labels())));

        DatasetStore again = restarted();
        assertThat(again.list()).extracting(StoredDataset::name).containsExactly("pets");
        StoredDataset found = again.find("pets").orElseThrow();
        assertThat(found.sha256()).isEqualTo(stored.sha256());
        assertThat(found.testCounts()).isEqualTo(stored.testCounts());
        assertThat(found.source()).isEqualTo(stored.source());
        assertThat(found.createdAt()).isEqualTo(stored.createdAt());

        Dataset dataset = again.load("pets");
        assertThat(dataset.classNames()).isEqualTo(CLASSES);
        assertThat(dataset.train().labels()).isEqualTo(content.train().labels());
        assertThat(dataset.test().labels()).isEqualTo(content.test().labels());
        assertThat(dataset.test().images().shape()).containsExactly(40L, 784L);
        float[] last = dataset.test().images().getRow(39).toFloatVector();
        for (int p = 0; p < 784; p++) {
            assertThat(last[p]).isEqualTo((content.test().pixels()[39 * 784 + p] & 0xff) / 255f);
        }
    }

    @Test
    void aTakenNameIsRefusedAndTheFirstDatasetStaysAsItWas() {
        StoredDataset first = store().save(record("twice"), content(30, 6, 1));

        assertThatThrownBy(() -> store().save(record("twice"), content(60, 12, 2)))
                .isInstanceOf(DuplicateDatasetException.class);
        assertThat(restarted().find("twice").orElseThrow().sha256()).isEqualTo(first.sha256());
        assertThat(store().load("twice").train().size()).isEqualTo(30);
    }

    @Test
    void listsByNameAndForgetsADeletedDatasetEverywhere() {
        store().save(record("zebra"), content(30, 6, 1));
        store().save(record("ant"), content(30, 6, 2));

        assertThat(store().list()).extracting(StoredDataset::name).containsExactly("ant", "zebra");
        store().delete("zebra");
        assertThat(store().find("zebra")).isEmpty();
        assertThat(store().list()).extracting(StoredDataset::name).containsExactly("ant");
        assertThat(restarted().list()).extracting(StoredDataset::name).containsExactly("ant");
        assertThatThrownBy(() -> store().load("zebra")).isInstanceOf(UnknownDatasetException.class);
        assertThatThrownBy(() -> store().delete("zebra")).isInstanceOf(UnknownDatasetException.class);

        store().delete("ant");
        assertNothingStored();
    }

    @Test
    void aDamagedFileFailsItsChecksumInsteadOfBeingTrainedOn() {
        store().save(record("damaged"), content(30, 6, 3));
        damageTrainingLabels("damaged");

        assertThatThrownBy(() -> restarted().load("damaged")).isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("train-labels-idx1-ubyte").hasMessageContaining("SHA-256");
    }

    @Test
    void aSaveThatFailsHalfwayLeavesNothingBehind() {
        // the test split claims more images than it has pixels for: writing fails after the training files
        DatasetContent broken = new DatasetContent(CLASSES, split(30, 1),
                new DatasetContent.Split(new byte[784], new int[] {0, 1, 2}));

        assertThatThrownBy(() -> store().save(record("broken"), broken)).isInstanceOf(RuntimeException.class);
        assertThat(store().find("broken")).isEmpty();
        assertThat(restarted().find("broken")).isEmpty();
        assertNothingStored();
        // and the name is free again
        assertThat(store().save(record("broken"), content(30, 6, 1)).name()).isEqualTo("broken");
    }
}
