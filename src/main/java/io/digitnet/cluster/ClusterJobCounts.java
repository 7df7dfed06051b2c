package io.digitnet.cluster;

import io.digitnet.system.ClusterMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code digitnet.cluster.jobs{status=...}}: jobs of the whole cluster by status, counted in the database (at most
 * once per second however many scrapes); NaN while the database cannot be reached. The per-instance job metrics
 * stay as they are.
 */
@Component
@ClusterMode
class ClusterJobCounts implements MeterBinder {

    static final List<String> STATUSES = List.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final JdbcTemplate jdbc;
    private Map<String, Long> counts = Map.of();
    private long countedAt;
    private boolean available;

    ClusterJobCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : STATUSES) {
            Gauge.builder("digitnet.cluster.jobs", this, counts -> counts.count(status))
                    .tag("status", status.toLowerCase())
                    .description("Training jobs of every instance by status, from the shared database")
                    .register(registry);
        }
    }

    synchronized double count(String status) {
        if (countedAt == 0 || System.nanoTime() - countedAt > MAX_AGE_NANOS) {
            countedAt = System.nanoTime();
            try {
                Map<String, Long> fresh = new HashMap<>();
                jdbc.query("select status, count(*) from training_jobs group by status",
                        row -> {
                            fresh.put(row.getString(1), row.getLong(2));
                        });
                counts = fresh;
                available = true;
            } catch (RuntimeException e) {
                available = false;
            }
        }
        return available ? counts.getOrDefault(status, 0L) : Double.NaN;
    }
}
