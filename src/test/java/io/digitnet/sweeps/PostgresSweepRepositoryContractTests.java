package io.digitnet.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.cluster.MigratedDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweep repository contract on PostgreSQL (a database of its own per test, migrated by Flyway, dropped after),
 * with a second adapter on its own connections as the other instance; and what only this adapter promises: a failed
 * change leaves the sweep as it was, and a change holds the row until it commits.
 */
class PostgresSweepRepositoryContractTests extends SweepRepositoryContract {

    @RegisterExtension
    final MigratedDatabase db = new MigratedDatabase("digitnet_sweeps_contract");
    private PostgresSweepRepository repository;
    private PostgresSweepRepository other;

    private PostgresSweepRepository adapter() {
        DataSource dataSource = db.newDataSource();
        return new PostgresSweepRepository(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @Override
    SweepRepository repository() {
        if (repository == null) {
            repository = adapter();
        }
        return repository;
    }

    @Override
    SweepRepository restarted() {
        return adapter();
    }

    @Override
    SweepRepository otherInstance() {
        if (other == null) {
            other = adapter();
        }
        return other;
    }

    @Test
    void aChangeThatFailsPartWayLeavesTheSweepAsItWas() {
        repository().add(sweep("s1", 2, T0));

        assertThatThrownBy(() -> repository().change("s1", sweep -> {
            sweep.submitted(1, "job-1");
            throw new IllegalStateException("the database went away");
        })).hasMessage("the database went away");

        assertThat(restarted().find("s1").orElseThrow().trials()).extracting(TrialSnapshot::status)
                .containsOnly(TrialStatus.PENDING);
    }

    @Test
    void anotherInstanceWaitsForAChangeInProgress_thenSeesIt() throws Exception {
        repository().add(sweep("s1", 2, T0));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> repository().change("s1", sweep -> {
            sweep.submitted(1, "job-a");
            inside.countDown();
            await(release);
            return null;
        }));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> otherInstance().change("s1",
                sweep -> sweep.pending().get(0).number() + ":" + sweep.trials().get(0).jobId()).orElseThrow()
                .result());

        Thread.sleep(300);
        assertThat(second).as("the other instance waits for the row").isNotDone();
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("2:job-a");
    }

    @Test
    void anUnreadableRowIsSkippedAndReported() {
        repository().add(sweep("good", 1, T0));
        db.database().execute("insert into sweeps (id, created_at, status, version, snapshot) "
                + "values ('bad', now(), 'RUNNING', 1, '{not json')");

        assertThat(restarted().findAll()).extracting(SweepSnapshot::id).containsExactly("good");
        SweepRepository again = restarted();
        again.findAll();
        assertThat(again.unreadable()).singleElement().asString().contains("bad");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
