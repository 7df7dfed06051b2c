package io.digitnet.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Applies {@code digitnet.mode} before the context starts. File mode (the default) switches off the database and
 * JobRunr auto-configurations, so that no DataSource is needed or started. Cluster mode gets JobRunr defaults that
 * suit it (a background job server with {@code digitnet.jobs.workers} workers, polling every 5 s, no anonymous
 * data usage). The default {@code digitnet.instance-id} (host name and bound port) is {@link InstanceId}'s.
 */
public class ModeEnvironment implements EnvironmentPostProcessor, Ordered {

    public static final String MODE = "digitnet.mode";
    static final List<String> DATABASE_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.jobrunr.spring.autoconfigure.JobRunrAutoConfiguration",
            "org.jobrunr.spring.autoconfigure.storage.JobRunrInMemoryStorageAutoConfiguration",
            "org.jobrunr.spring.autoconfigure.storage.JobRunrMongoDBStorageAutoConfiguration",
            "org.jobrunr.spring.autoconfigure.storage.JobRunrDocumentDBStorageAutoConfiguration",
            "org.jobrunr.spring.autoconfigure.storage.JobRunrSqlStorageAutoConfiguration",
            "org.jobrunr.spring.autoconfigure.metrics.JobRunrMetricsAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.getProperty(MODE, "file").strip().toLowerCase(Locale.ROOT);
        Map<String, Object> overrides = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        switch (mode) {
            case "file" -> {
                List<String> excluded = new ArrayList<>(Binder.get(environment)
                        .bind("spring.autoconfigure.exclude", String[].class).map(List::of).orElse(List.of()));
                excluded.addAll(DATABASE_AUTO_CONFIGURATIONS);
                overrides.put("spring.autoconfigure.exclude", String.join(",", excluded));
            }
            case "cluster" -> {
                defaults.put("jobrunr.background-job-server.enabled", "true");
                defaults.put("jobrunr.background-job-server.worker-count", "${digitnet.jobs.workers:1}");
                defaults.put("jobrunr.background-job-server.poll-interval-in-seconds", "5");
                defaults.put("jobrunr.dashboard.enabled", "false");
                // its tables come from Flyway (V2): instances starting together would race creating them
                defaults.put("jobrunr.database.skip-create", "true");
                defaults.put("jobrunr.miscellaneous.allow-anonymous-data-usage", "false");
                defaults.put("jobrunr.jobs.default-number-of-retries", "10");
                // fail fast while the database is away (503 at once rather than a request held 30 s)
                defaults.put("spring.datasource.hikari.connection-timeout", "2000");
                defaults.put("spring.datasource.hikari.validation-timeout", "1000");
            }
            default -> throw new IllegalStateException(MODE + " must be 'file' or 'cluster', not '" + mode + "'");
        }
        if (!overrides.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("digitnetModeOverrides", overrides));
        }
        environment.getPropertySources().addLast(new MapPropertySource("digitnetModeDefaults", defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
