package io.digitnet.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The cluster tests' set-up: instances "a" and "b" as two JVMs in cluster mode on one {@link TestDatabase} of their
 * own, each with a folder under {@code target/cluster-tests/<database>/}, started together and awaited ready. Closing
 * stops both (a frozen one thawed first) and then drops the database; a failed start cleans up the same way.
 */
final class TwoInstances implements AutoCloseable {

    /** How long an instance may take to report ready on a loaded machine. */
    static final Duration START = Duration.ofMinutes(5);

    private final TestDatabase database;
    private ClusterInstance a;
    private ClusterInstance b;

    private TwoInstances(TestDatabase database) {
        this.database = database;
    }

    /** Starts both with the same settings ({@code key -> value}, as command-line properties) and waits for them. */
    static TwoInstances start(String databasePrefix, Map<String, String> settings) {
        TwoInstances cluster = new TwoInstances(TestDatabase.create(databasePrefix));
        try {
            Path folder = Path.of("target", "cluster-tests", cluster.database.name());
            cluster.a = ClusterInstance.start("a", cluster.database, folder.resolve("a"), settings);
            cluster.b = ClusterInstance.start("b", cluster.database, folder.resolve("b"), settings);
            cluster.a.awaitReady(START);
            cluster.b.awaitReady(START);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    ClusterInstance a() {
        return a;
    }

    ClusterInstance b() {
        return b;
    }

    TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        for (ClusterInstance instance : new ClusterInstance[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
        database.close();
    }
}
