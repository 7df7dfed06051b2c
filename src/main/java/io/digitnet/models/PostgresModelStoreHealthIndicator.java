package io.digitnet.models;

import io.digitnet.system.ClusterMode;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code modelStore} in cluster mode (part of readiness): DOWN while PostgreSQL cannot be reached, so that a load
 * balancer sends mutations elsewhere; {@code /predict} still answers from the models this instance has cached.
 */
@Component("modelStore")
@ClusterMode
class PostgresModelStoreHealthIndicator extends AbstractHealthIndicator {

    private final JdbcTemplate jdbc;
    private final PostgresModelStore store;

    PostgresModelStoreHealthIndicator(JdbcTemplate jdbc, PostgresModelStore store) {
        super("Model store health check failed");
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Long models = jdbc.queryForObject("select count(*) from models", Long.class);
        builder.up().withDetail("database", "PostgreSQL").withDetail("models", models)
                .withDetail("corrupt", store.problems());
    }
}
