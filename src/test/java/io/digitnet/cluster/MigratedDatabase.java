package io.digitnet.cluster;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A JUnit extension for the PostgreSQL adapter tests: per test a {@link TestDatabase} of its own, migrated by Flyway,
 * with the JDBC plumbing an adapter takes; afterwards the notifications it handed out are stopped and the database is
 * dropped. Register it on an instance field: {@code @RegisterExtension final MigratedDatabase db = ...}.
 */
public final class MigratedDatabase implements BeforeEachCallback, AfterEachCallback {

    private final String prefix;
    private final List<ClusterNotifications> handedOut = new ArrayList<>();
    private TestDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ClusterNotifications notifications;

    public MigratedDatabase(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database = TestDatabase.create(prefix);
        Flyway.configure().dataSource(database.url(), TestDatabase.USER, "").load().migrate();
        DataSource dataSource = newDataSource();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        notifications = newNotifications();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        handedOut.forEach(ClusterNotifications::stop);
        handedOut.clear();
        if (database != null) {
            database.close();
        }
    }

    public TestDatabase database() {
        return database;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    /** The notifications of this test's "instance"; not started (an adapter subscribes first, as in the service). */
    public ClusterNotifications notifications() {
        return notifications;
    }

    /** Notifications of another instance on the same database, stopped after the test. */
    public ClusterNotifications newNotifications() {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(database.url());
        properties.setUsername(TestDatabase.USER);
        ClusterNotifications created = new ClusterNotifications(properties, jdbc);
        handedOut.add(created);
        return created;
    }

    /** A data source on connections of its own, as another instance has. */
    public DataSource newDataSource() {
        return new DriverManagerDataSource(database.url(), TestDatabase.USER, "");
    }
}
