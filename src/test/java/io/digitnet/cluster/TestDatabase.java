package io.digitnet.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres) for one test class,
 * dropped afterwards. {@link #allowConnections(boolean)} takes it away from the service and gives it back, as a
 * database outage would.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String SERVER = System.getProperty("digitnet.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = "postgres";

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        TestDatabase database = new TestDatabase(prefix.toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        database.admin("create database " + database.name);
        return database;
    }

    public String url() {
        return SERVER + name;
    }

    public String name() {
        return name;
    }

    /** false: refuses new connections and ends the open ones (the service sees the database gone). */
    public void allowConnections(boolean allowed) {
        admin("alter database " + name + " allow_connections " + allowed);
        if (!allowed) {
            admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
        }
    }

    /** Runs SQL in this database. */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url(), USER, "");
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query in this database, or null without rows. */
    public Object queryValue(String sql) {
        try (Connection c = DriverManager.getConnection(url(), USER, "");
             Statement statement = c.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin("drop database if exists " + name + " with (force)");
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
