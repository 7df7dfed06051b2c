package io.digitnet.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.cluster.MigratedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset store contract on PostgreSQL (a database of its own per test, migrated by Flyway, dropped after), with
 * chunks of 4 KB so that every file spans many rows; and two stores on one database, as two instances are.
 */
class PostgresDatasetStoreContractTests extends DatasetStoreContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 4096;

    @TempDir
    Path scratch;
    @RegisterExtension
    final MigratedDatabase db = new MigratedDatabase("digitnet_datasets_contract");
    private PostgresDatasetStore store;

    @Override
    DatasetStore store() {
        if (store == null) {
            store = (PostgresDatasetStore) restarted();
        }
        return store;
    }

    @Override
    DatasetStore restarted() {
        return new PostgresDatasetStore(db.jdbc(), db.transactions(), JSON, db.notifications(), scratch, CHUNK);
    }

    @Override
    void damageTrainingLabels(String name) {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(idxLabels(new int[] {2, 2, 2}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db.jdbc().update("delete from dataset_chunks where dataset = ? and file = 'train-labels-idx1-ubyte' "
                + "and chunk > 0", name);
        assertThat(db.jdbc().update("update dataset_chunks set content = ? where dataset = ? "
                + "and file = 'train-labels-idx1-ubyte' and chunk = 0", gzipped.toByteArray(), name)).isEqualTo(1);
    }

    @Override
    void assertNothingStored() {
        assertThat(db.jdbc().queryForObject("select count(*) from datasets", Long.class)).isZero();
        assertThat(db.jdbc().queryForObject("select count(*) from dataset_chunks", Long.class)).isZero();
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void filesAreCutIntoChunksAndNoChunkHoldsAWholeFile() {
        store().save(record("chunked"), content(200, 40, 5));

        long trainImageChunks = db.jdbc().queryForObject("select count(*) from dataset_chunks "
                + "where dataset = 'chunked' and file = 'train-images-idx3-ubyte'", Long.class);
        assertThat(trainImageChunks).isGreaterThan(200L * 784 / CHUNK - 1);
        assertThat(db.jdbc().queryForObject("select max(length(content)) from dataset_chunks", Integer.class))
                .isLessThanOrEqualTo(CHUNK);
    }

    @Test
    void aDatasetStoredByOneInstanceIsSeenByAnotherAndADeleteReachesIt() {
        // as in an instance, the stores subscribe before the notifications start listening
        ClusterNotifications otherNotifications = db.newNotifications();
        DatasetStore first = store();
        PostgresDatasetStore other = new PostgresDatasetStore(db.jdbc(), db.transactions(), JSON, otherNotifications,
                scratch.resolve("other"), CHUNK);
        PostgresDatasetStore third = new PostgresDatasetStore(db.jdbc(), db.transactions(), JSON, otherNotifications,
                scratch.resolve("third"), CHUNK);
        db.notifications().start();
        otherNotifications.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.notifications().connected()
                    && otherNotifications.connected());
            first.save(record("shared"), content(60, 12, 9));

            // asked for by name at once (a miss reads the database), listed once the notification came
            assertThat(other.find("shared")).isPresent();
            assertThat(other.load("shared").train().labels()).isEqualTo(content(60, 12, 9).train().labels());
            first.save(record("later"), content(30, 6, 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> third.list().size() == 2);

            other.delete("shared");
            await().atMost(Duration.ofSeconds(30)).until(() -> first.find("shared").isEmpty());
            assertThat(first.list()).extracting(StoredDataset::name).containsExactly("later");
        } finally {
            otherNotifications.stop();
        }
    }
}
