package io.digitnet.training;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.cluster.TestDatabase;
import io.digitnet.system.InstanceId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job repository contract on PostgreSQL: a database of its own per test, migrated by Flyway, dropped after. A
 * "restart" is another instance on the same database; a worker claims the job (owner and fence) as
 * {@link ClusterTrainingTask} does.
 */
class PostgresJobRepositoryContractTests extends JobRepositoryContract {

    private TestDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ClusterNotifications notifications;
    private JobLeases leases;
    private PostgresJobRepository repository;
    private int restarts;

    @BeforeEach
    void database() {
        database = TestDatabase.create("digitnet_jobs_contract");
        Flyway.configure().dataSource(database.url(), TestDatabase.USER, "").load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), TestDatabase.USER, "");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(database.url());
        properties.setUsername(TestDatabase.USER);
        notifications = new ClusterNotifications(properties, jdbc);
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Override
    JobRepository repository() {
        if (repository == null) {
            leases = new JobLeases();
            repository = new PostgresJobRepository(jdbc, transactions, notifications, leases, InstanceId.of("here"));
        }
        return repository;
    }

    @Override
    JobRepository restarted() {
        restarts++;
        return new PostgresJobRepository(jdbc, transactions, notifications, new JobLeases(),
                InstanceId.of("restarted-" + restarts));
    }

    @Override
    TrainingJob take(String id) {
        repository();
        PostgresJobRepository.Claim claim = repository.claim(id).orElseThrow();
        leases.hold(id, claim.fence(), claim.job());
        return claim.job();
    }
}
