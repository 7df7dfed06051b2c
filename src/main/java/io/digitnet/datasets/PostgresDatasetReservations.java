package io.digitnet.datasets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode: an upload claims its name with a row of {@code datasets} in status {@code provisioning} (the primary
 * key makes the claim unique across instances), inserted before the upload is answered, so every instance lists it
 * and refuses the name at once. The row carries the instance processing it and a token of this upload (the claim);
 * that instance refreshes its heartbeat every {@code digitnet.datasets.uploads.provisioning-heartbeat}. A row whose
 * heartbeat is {@value #STALE_HEARTBEATS} beats old belongs to an instance that died mid-upload: it is reported as
 * failed, may be deleted, and its name claimed again. {@link PostgresDatasetStore} turns the row {@code ready} in the
 * transaction that stores the dataset, and only while the claim is still this upload's.
 */
final class PostgresDatasetReservations implements DatasetReservations, AutoCloseable {

    static final int STALE_HEARTBEATS = 6;
    private static final Logger log = LoggerFactory.getLogger(PostgresDatasetReservations.class);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Supplier<String> instance;
    private final double staleSeconds;
    /** This instance's uploads being processed: name → claim. */
    private final ConcurrentMap<String, String> claims = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dataset-upload-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** @param instance the name of this instance (owner of its rows, named in the reason of a stale one) */
    PostgresDatasetReservations(JdbcTemplate jdbc, JsonMapper json, Supplier<String> instance, Duration heartbeat) {
        this.jdbc = jdbc;
        this.json = json;
        this.instance = instance;
        this.staleSeconds = heartbeat.toMillis() * STALE_HEARTBEATS / 1000.0;
        long every = Math.max(heartbeat.toMillis(), 1);
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean reserve(String name, DatasetDescription.Source source) {
        String claim = UUID.randomUUID().toString();
        int claimed = jdbc.update("insert into datasets (name, created_at, record, status, owner, claim, heartbeat_at) "
                + "values (?, now(), ?, 'provisioning', ?, ?, now()) on conflict (name) do update set "
                + "created_at = excluded.created_at, record = excluded.record, status = excluded.status, reason = null, "
                + "owner = excluded.owner, claim = excluded.claim, heartbeat_at = excluded.heartbeat_at "
                + "where datasets.status = 'failed' or (datasets.status = 'provisioning' "
                + "and datasets.heartbeat_at < now() - make_interval(secs => ?))",
                name, json.writeValueAsString(source), instance.get(), claim, staleSeconds);
        if (claimed == 0) {
            return false;
        }
        claims.put(name, claim);
        return true;
    }

    /** The claim of this instance's upload of {@code name}, while it is processed. */
    Optional<String> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    @Override
    public void failed(String name, String reason) {
        String claim = claims.remove(name);
        if (claim != null) {
            jdbc.update("update datasets set status = 'failed', reason = ?, owner = null, claim = null, "
                    + "heartbeat_at = null where name = ? and claim = ? and status = 'provisioning'", reason, name, claim);
        }
    }

    @Override
    public void release(String name) {
        String claim = claims.remove(name);
        if (claim != null) { // a stored dataset's row has no claim any more
            jdbc.update("delete from datasets where name = ? and claim = ? and status = 'provisioning'", name, claim);
        }
    }

    @Override
    public Optional<DatasetDescription> find(String name) {
        return query("and name = ?", name).stream().findFirst();
    }

    /** Empty while the database is unreachable: the built-in and stored datasets are still listed then. */
    @Override
    public List<DatasetDescription> list() {
        try {
            return query("order by name");
        } catch (DataAccessException e) {
            log.warn("uploads being processed cannot be listed: {}", e.getMessage());
            return List.of();
        }
    }

    @Override
    public boolean deleteFailed(String name) {
        return jdbc.update("delete from datasets where name = ? and (status = 'failed' or (status = 'provisioning' "
                + "and heartbeat_at < now() - make_interval(secs => ?)))", name, staleSeconds) > 0;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }

    private List<DatasetDescription> query(String condition, Object... arguments) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = staleSeconds;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return jdbc.query("select name, record, status, reason, owner, heartbeat_at, "
                + "heartbeat_at < now() - make_interval(secs => ?) as stale from datasets "
                + "where status <> 'ready' " + condition, this::describe, all);
    }

    private DatasetDescription describe(ResultSet row, int index) throws SQLException {
        String name = row.getString("name");
        DatasetDescription.Source source;
        try {
            source = json.readValue(row.getString("record"), DatasetDescription.Source.class);
        } catch (JacksonException e) {
            source = new DatasetDescription.Source(DatasetDescription.Source.UPLOADED, null, null);
        }
        if (DatasetDescription.PROVISIONING.equals(row.getString("status")) && row.getBoolean("stale")) {
            Timestamp last = row.getTimestamp("heartbeat_at");
            return DatasetDescription.notReady(name, source, DatasetDescription.FAILED, "instance "
                    + row.getString("owner") + " stopped processing the upload (no heartbeat since "
                    + (last == null ? "it started" : last.toInstant()) + "); upload it again");
        }
        return DatasetDescription.notReady(name, source, row.getString("status"), row.getString("reason"));
    }

    private void beat() {
        claims.forEach((name, claim) -> {
            try {
                jdbc.update("update datasets set heartbeat_at = now() where name = ? and claim = ? "
                        + "and status = 'provisioning'", name, claim);
            } catch (DataAccessException e) {
                log.warn("could not refresh the heartbeat of the upload of dataset {}: {}", name, e.getMessage());
            }
        });
    }
}
