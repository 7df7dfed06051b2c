package io.digitnet.models;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.cluster.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The model store contract on PostgreSQL: a database of its own per test, migrated by Flyway, dropped after. */
class PostgresModelStoreContractTests extends ModelStoreContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ClusterNotifications notifications;
    private PostgresModelStore store;
    private PostgresModelAliases aliases;

    @BeforeEach
    void database() {
        database = TestDatabase.create("digitnet_models_contract");
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
    ModelStore store() {
        if (store == null) {
            store = (PostgresModelStore) restarted();
        }
        return store;
    }

    @Override
    ModelStore restarted() {
        return new PostgresModelStore(jdbc, JSON, notifications, new ModelCache(new ModelsSettings(null, 4, 4096, 2000)));
    }

    @Override
    ModelAliases aliases() {
        if (aliases == null) {
            aliases = (PostgresModelAliases) aliasesRestarted();
        }
        return aliases;
    }

    @Override
    ModelAliases aliasesRestarted() {
        return new PostgresModelAliases(jdbc, transactions, notifications);
    }
}
