package io.digitnet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An instance of cluster mode started while its PostgreSQL database refuses connections stays up, waiting, and
 * becomes ready once the database is back, without a restart; then it works as usual.
 */
class ClusterStartWithoutDatabaseIntegrationTests {

    @Test
    void anInstanceStartedWithoutItsDatabaseBecomesReadyWhenTheDatabaseReturns() {
        try (TestDatabase database = TestDatabase.create("digitnet_late_db_it")) {
            database.allowConnections(false);
            Path folder = Path.of("target", "cluster-tests", database.name());
            try (ClusterInstance instance = ClusterInstance.start("late", database, folder.resolve("late"),
                    Map.of("jobrunr.background-job-server.poll-interval-in-seconds", "5"))) {
                await().atMost(ClusterIntegrationTests.START).pollInterval(Duration.ofSeconds(1))
                        .until(() -> instance.logText().contains("cannot be reached yet, waiting for it"));
                // still waiting a while later, neither ready nor gone
                await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
                assertThat(instance.alive()).isTrue();
                assertThat(readiness(instance)).isNotEqualTo(200);

                database.allowConnections(true);

                instance.awaitReady(ClusterIntegrationTests.START);
                String id = instance.api().submit("{\"hiddenSize\":8,\"iterations\":200,\"batchSize\":50}");
                assertThat(instance.api().awaitStatus(id, Duration.ofSeconds(90), "SUCCEEDED", "FAILED")
                        .get("status").asString()).isEqualTo("SUCCEEDED");
            } finally {
                database.allowConnections(true);
            }
        }
    }

    private static int readiness(ClusterInstance instance) {
        try {
            return instance.api().get("/actuator/health/readiness").status();
        } catch (RuntimeException e) {
            return -1; // not listening yet
        }
    }
}
