package io.digitnet.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.cluster.MigratedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    @Test
    void aDatasetDeletedOnAnotherInstanceIsDroppedFromThisInstancesCache() {
        ClusterNotifications otherNotifications = db.newNotifications();
        Datasets here = datasets(store());
        Datasets there = datasets(new PostgresDatasetStore(db.jdbc(), db.transactions(), JSON, otherNotifications,
                scratch.resolve("there"), CHUNK));
        db.notifications().start();
        otherNotifications.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.notifications().connected()
                    && otherNotifications.connected());
            store().save(record("cached"), content(60, 12, 4));
            assertThat(here.load("cached").train().size()).isEqualTo(60);
            assertThat(here.isLoaded("cached")).isTrue();

            there.delete("cached");
            await().atMost(Duration.ofSeconds(30)).until(() -> !here.isLoaded("cached"));
            assertThat(here.exists("cached")).isFalse();
        } finally {
            otherNotifications.stop();
        }
    }

    @Test
    void anUploadClaimsItsNameOnEveryInstanceUntilItIsStoredOrFails() {
        try (PostgresDatasetReservations a = reservations("instance-a", Duration.ofSeconds(10));
             PostgresDatasetReservations b = reservations("instance-b", Duration.ofSeconds(10))) {
            PostgresDatasetStore storeA = new PostgresDatasetStore(db.jdbc(), db.transactions(), JSON, db.notifications(), scratch,
                    CHUNK, a::claim);
            assertThat(a.reserve("big", SOURCE)).isTrue();
            assertThat(b.reserve("big", SOURCE)).as("claimed by the other instance").isFalse();
            assertThat(b.find("big")).get().extracting(DatasetDescription::status)
                    .isEqualTo(DatasetDescription.PROVISIONING);
            assertThat(b.list()).extracting(DatasetDescription::name).containsExactly("big");
            assertThat(b.deleteFailed("big")).as("still being processed").isFalse();

            storeA.save(record("big"), content(60, 12, 2));
            a.release("big");
            assertThat(b.find("big")).isEmpty();
            assertThat(b.reserve("big", SOURCE)).as("a stored dataset has the name").isFalse();
            assertThat(store().find("big")).isPresent();

            assertThat(a.reserve("broken", SOURCE)).isTrue();
            a.failed("broken", "line 3: 785 columns");
            DatasetDescription failed = b.find("broken").orElseThrow();
            assertThat(failed.status()).isEqualTo(DatasetDescription.FAILED);
            assertThat(failed.reason()).isEqualTo("line 3: 785 columns");
            assertThat(failed.source()).isEqualTo(SOURCE);
            assertThat(b.reserve("broken", SOURCE)).as("a failed upload's name may be used again").isTrue();
            b.release("broken");
            assertThat(a.find("broken")).as("a refused upload leaves nothing").isEmpty();
            assertThat(db.jdbc().queryForObject("select count(*) from datasets where name = 'broken'", Long.class))
                    .isZero();
        }
    }

    @Test
    void theNameOfAnUploadWhoseInstanceStoppedIsFreedAndItsLateSaveRefused() {
        PostgresDatasetReservations survivor = reservations("instance-b", Duration.ofSeconds(1));
        PostgresDatasetReservations dying = reservations("instance-a", Duration.ofSeconds(1));
        try (survivor) {
            PostgresDatasetStore dyingStore = new PostgresDatasetStore(db.jdbc(), db.transactions(), JSON, db.notifications(),
                    scratch, CHUNK, dying::claim);
            assertThat(dying.reserve("orphan", SOURCE)).isTrue();
            // alive: its heartbeat keeps the claim well past the staleness limit (6 beats)
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> true);
            assertThat(survivor.find("orphan")).get().extracting(DatasetDescription::status)
                    .isEqualTo(DatasetDescription.PROVISIONING);

            dying.close(); // its heartbeats stop, as when the instance dies mid-upload
            DatasetDescription stale = await().atMost(Duration.ofSeconds(30))
                    .until(() -> survivor.find("orphan").orElseThrow(), d -> !d.status().equals("provisioning"));
            assertThat(stale.status()).isEqualTo(DatasetDescription.FAILED);
            assertThat(stale.reason()).contains("instance-a").contains("no heartbeat");
            assertThat(survivor.reserve("orphan", SOURCE)).isTrue();

            assertThatThrownBy(() -> dyingStore.save(record("orphan"), content(30, 6, 1)))
                    .isInstanceOf(DuplicateDatasetException.class);
            assertThat(db.jdbc().queryForObject("select count(*) from dataset_chunks", Long.class)).isZero();
            assertThat(survivor.find("orphan")).get().extracting(DatasetDescription::status)
                    .isEqualTo(DatasetDescription.PROVISIONING);
        } finally {
            dying.close();
        }
    }

    private static final DatasetDescription.Source SOURCE = new DatasetDescription.Source(
            DatasetDescription.Source.UPLOADED, "big.csv", null);

    private PostgresDatasetReservations reservations(String instance, Duration heartbeat) {
        return new PostgresDatasetReservations(db.jdbc(), JSON, () -> instance, heartbeat);
    }

    private static Datasets datasets(DatasetStore store) {
        return new Datasets(new BuiltInDatasetCatalog(List.of(), new DatasetProvisioner(Path.of("target"), false)),
                store, new LocalDatasetReservations());
    }
}
