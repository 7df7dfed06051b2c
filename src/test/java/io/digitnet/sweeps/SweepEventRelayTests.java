package io.digitnet.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.cluster.TestDatabase;
import io.digitnet.system.InstanceId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances ("a" and "b": a relay and a LISTEN connection each) on one PostgreSQL database: what happens to a
 * sweep on one reaches the other as a {@link RemoteSweepEvent} carrying the sweep as stored, and never comes back to
 * the instance it came from.
 */
class SweepEventRelayTests {

    private TestDatabase database;
    private PostgresSweepRepository repository;
    private final List<ClusterNotifications> listeners = new CopyOnWriteArrayList<>();

    record Instance(SweepEventRelay relay, List<Object> received) {
    }

    @BeforeEach
    void database() {
        database = TestDatabase.create("digitnet_sweep_relay");
        Flyway.configure().dataSource(database.url(), TestDatabase.USER, "").load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), TestDatabase.USER, "");
        repository = new PostgresSweepRepository(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @AfterEach
    void drop() {
        listeners.forEach(ClusterNotifications::stop);
        database.close();
    }

    private Instance instance(String name) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), TestDatabase.USER, "");
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(database.url());
        properties.setUsername(TestDatabase.USER);
        ClusterNotifications notifications = new ClusterNotifications(properties, new JdbcTemplate(dataSource));
        List<Object> received = new CopyOnWriteArrayList<>();
        SweepEventRelay relay = new SweepEventRelay(notifications, repository, received::add,
                InstanceId.of(name));
        notifications.start();
        listeners.add(notifications);
        await().atMost(Duration.ofSeconds(30)).until(notifications::connected);
        return new Instance(relay, received);
    }

    @Test
    void aTrialsChangeItsEpochsAndTheSweepsEndReachTheOtherInstanceOnly() {
        Instance a = instance("a");
        Instance b = instance("b");
        TrialSnapshot running = new TrialSnapshot(1, Map.of("hiddenSize", 4), TrialStatus.RUNNING, "job-1",
                List.of(new TrialEpoch(1, 0.91, null)), 0.91, 2.5, null, null, false);
        SweepSnapshot created = SweepRepositoryContract.sweep("s1", 2, SweepRepositoryContract.T0).snapshot();
        SweepSnapshot stored = new SweepSnapshot(created.id(), created.name(), created.status(), created.plan(),
                created.createdAt(), null, List.of(running, created.trials().get(1)), null, null, 1);
        repository.add(Sweep.restore(stored));

        a.relay().on(new SweepEvent.TrialChanged(stored, running));
        SweepEvent changed = awaitRemote(b, SweepEvent.TrialChanged.class);
        assertThat(((SweepEvent.TrialChanged) changed).trial()).isEqualTo(running);
        assertThat(changed.sweep().id()).isEqualTo("s1");

        b.relay().on(new SweepEvent.TrialEpochCompleted(stored, running, running.epochs().get(0)));
        SweepEvent.TrialEpochCompleted epoch = (SweepEvent.TrialEpochCompleted) awaitRemote(a,
                SweepEvent.TrialEpochCompleted.class);
        assertThat(epoch.trial().number()).isEqualTo(1);
        assertThat(epoch.epoch()).isEqualTo(new TrialEpoch(1, 0.91, null));
        // a's own TrialChanged was sent before b's epoch on the same channel: it was not published back on a
        assertThat(a.received()).hasSize(1);

        SweepSnapshot cancelled = repository.change("s1", sweep -> {
            sweep.cancel(SweepRepositoryContract.T0.plusSeconds(9));
            return null;
        }).orElseThrow().sweep();
        a.relay().on(new SweepEvent.SweepEnded(cancelled));
        SweepEvent ended = awaitRemote(b, SweepEvent.SweepEnded.class);
        assertThat(ended.sweep().status()).isEqualTo(SweepStatus.CANCELLED);
        assertThat(ended.sweep().trials()).extracting(TrialSnapshot::status).containsOnly(TrialStatus.CANCELLED);
        assertThat(b.received()).hasSize(2);
        assertThat(a.received()).hasSize(1);
    }

    /** Notifications sent while the listening connection was down are lost: the streams are brought up to date. */
    @Test
    void afterALostConnectionEveryTrialAndEveryEndIsToldAgain() {
        Instance b = instance("b");
        repository.add(SweepRepositoryContract.sweep("running", 2, SweepRepositoryContract.T0));
        repository.change("running", sweep -> sweep.submitted(1, "job-1"));
        repository.add(SweepRepositoryContract.sweep("ended", 1, SweepRepositoryContract.T0.plusSeconds(1)));
        repository.change("ended", sweep -> sweep.cancel(SweepRepositoryContract.T0.plusSeconds(2)));

        database.allowConnections(false);
        database.allowConnections(true);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(b.received()).hasSize(2));
        SweepEvent.TrialChanged trial = (SweepEvent.TrialChanged) awaitRemote(b, SweepEvent.TrialChanged.class);
        assertThat(trial.sweep().id()).isEqualTo("running");
        assertThat(trial.trial().jobId()).isEqualTo("job-1");
        assertThat(awaitRemote(b, SweepEvent.SweepEnded.class).sweep().id()).isEqualTo("ended");
    }

    private static SweepEvent awaitRemote(Instance instance, Class<? extends SweepEvent> type) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> instance.received().stream()
                .map(e -> ((RemoteSweepEvent) e).event()).filter(type::isInstance).findFirst().orElse(null),
                e -> e != null);
    }
}
