package io.digitnet.sweeps;

import io.digitnet.system.ClusterMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sweeps of cluster mode, one row of {@code sweeps} each (Flyway V30), holding the same snapshot the file mode writes.
 * A change runs in one transaction that holds the sweep's row ({@code select ... for update}) from the read to the
 * write: instances feeding the same sweep take turns, each sees the trials the other submitted, and what the change
 * does through the same database (a trial's job inserted, an alias moved) commits or rolls back with it. A change
 * that fails leaves the sweep as it was.
 */
@Repository
@ClusterMode
class PostgresSweepRepository implements SweepRepository {

    private static final Logger log = LoggerFactory.getLogger(PostgresSweepRepository.class);

    /** Our own mapper, as in the file mode: the stored format must not change with the web layer's settings. */
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final List<String> unreadable = new ArrayList<>();

    PostgresSweepRepository(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void add(Sweep sweep) {
        SweepSnapshot snapshot = sweep.snapshot();
        jdbc.update("insert into sweeps (id, created_at, status, version, snapshot) values (?, ?, ?, ?, ?)",
                snapshot.id(), Timestamp.from(snapshot.createdAt()), snapshot.status().name(), snapshot.version(),
                write(snapshot));
    }

    @Override
    public Optional<SweepSnapshot> find(String id) {
        return jdbc.query("select snapshot from sweeps where id = ?", (r, n) -> r.getString(1), id).stream()
                .findFirst().map(this::read);
    }

    /** Rows that cannot be read are skipped and listed in {@link #unreadable()}. */
    @Override
    public List<SweepSnapshot> findAll() {
        return jdbc.query("select id, snapshot from sweeps order by created_at desc, id desc",
                (r, n) -> readable(r.getString(1), r.getString(2))).stream().filter(Objects::nonNull).toList();
    }

    @Override
    public List<String> running() {
        return jdbc.queryForList("select id from sweeps where status = 'RUNNING' order by created_at, id",
                String.class);
    }

    @Override
    public long count(SweepStatus status) {
        Long count = jdbc.queryForObject("select count(*) from sweeps where status = ?", Long.class, status.name());
        return count == null ? 0 : count;
    }

    @Override
    public <T> Optional<Changed<T>> change(String id, Function<Sweep, T> change) {
        return transactions.execute(status -> {
            List<String> rows = jdbc.query("select snapshot from sweeps where id = ? for update",
                    (r, n) -> r.getString(1), id);
            if (rows.isEmpty()) {
                return Optional.<Changed<T>>empty();
            }
            Sweep sweep = Sweep.restore(read(rows.get(0)));
            long before = sweep.changes();
            T result = change.apply(sweep);
            SweepSnapshot after = sweep.snapshot();
            if (sweep.changes() != before) {
                jdbc.update("update sweeps set status = ?, version = ?, snapshot = ?, updated_at = now() "
                        + "where id = ?", after.status().name(), after.version(), write(after), id);
            }
            return Optional.of(new Changed<>(result, after));
        });
    }

    @Override
    public List<String> unreadable() {
        synchronized (unreadable) {
            return List.copyOf(unreadable);
        }
    }

    private SweepSnapshot readable(String id, String stored) {
        try {
            return read(stored);
        } catch (RuntimeException e) {
            String problem = "sweep " + id + ": " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse("unreadable");
            synchronized (unreadable) {
                if (!unreadable.contains(problem)) {
                    log.warn("Skipping unreadable sweep row {}", problem);
                    unreadable.add(problem);
                }
            }
            return null;
        }
    }

    private String write(SweepSnapshot snapshot) {
        return json.writeValueAsString(snapshot);
    }

    private SweepSnapshot read(String stored) {
        return json.readValue(stored, SweepSnapshot.class);
    }
}
