package io.digitnet.training;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.system.ClusterMode;
import io.digitnet.system.InstanceId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs of cluster mode, one row of {@code training_jobs} each, holding the same snapshot the file mode writes to
 * job.json. Writes about a job this instance runs are fenced (owner and fence must still be this instance's lease,
 * else {@link JobLeaseLostException}); the other writes an instance makes are the cancellation of a waiting job and a
 * stop request, each a conditional update. Every write notifies the other instances ({@value #EVENTS}), which stream
 * the change to their clients; stop requests go to {@value #CANCELS}.
 */
@Repository
@ClusterMode
class PostgresJobRepository implements JobRepository {

    static final String EVENTS = "digitnet_job_events";
    static final String CANCELS = "digitnet_job_cancels";
    private static final Logger log = LoggerFactory.getLogger(PostgresJobRepository.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ClusterNotifications notifications;
    private final JobLeases leases;
    private final InstanceId instance;
    private final Clock clock = Clock.systemUTC();
    /** Our own mapper, as in the file mode: the stored format must not change with the web layer's settings. */
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    PostgresJobRepository(JdbcTemplate jdbc, TransactionTemplate transactions, ClusterNotifications notifications,
                          JobLeases leases, InstanceId instance) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.notifications = notifications;
        this.leases = leases;
        this.instance = instance;
        notifications.subscribe(CANCELS, this::cancelRequested);
    }

    @Override
    public void add(TrainingJob job) {
        JobSnapshot snapshot = job.snapshot();
        jdbc.update("insert into training_jobs (id, created_at, status, snapshot) values (?, ?, ?, ?)",
                snapshot.id(), Timestamp.from(snapshot.createdAt()), snapshot.status().name(), write(snapshot));
    }

    /**
     * The live job when this instance runs it, else the stored one. The database is asked either way, so that while
     * it is away nobody sees a state it does not hold (the caller gets the database's exception: 503).
     */
    @Override
    public Optional<TrainingJob> find(String id) {
        Optional<TrainingJob> stored = jdbc.query("select snapshot from training_jobs where id = ?",
                (r, n) -> r.getString(1), id).stream().findFirst().map(this::read).map(TrainingJob::restore);
        Optional<JobLeases.Lease> lease = leases.get(id);
        return lease.isPresent() && stored.isPresent() ? Optional.of(lease.get().job()) : stored;
    }

    @Override
    public List<TrainingJob> findAll() {
        return jdbc.query("select id, snapshot from training_jobs order by created_at desc, id desc", (r, n) -> {
            Optional<JobLeases.Lease> lease = leases.get(r.getString(1));
            return lease.isPresent() ? lease.get().job() : TrainingJob.restore(read(r.getString(2)));
        });
    }

    @Override
    public void save(JobSnapshot snapshot) {
        Optional<JobLeases.Lease> lease = leases.get(snapshot.id());
        if (lease.isPresent()) {
            saveHeld(snapshot, lease.get());
        } else if (snapshot.status() == JobStatus.CANCELLED) {
            cancelWaiting(snapshot);
        } else {
            log.debug("Job {}: not held here, {} not written", snapshot.id(), snapshot.status());
        }
    }

    /** Progress is worth a retry at the next step, not a stopped job: while the database is away it is skipped. */
    @Override
    public void saveProgress(JobSnapshot snapshot) {
        Optional<JobLeases.Lease> lease = leases.get(snapshot.id());
        if (lease.isPresent()) {
            try {
                saveHeld(snapshot, lease.get());
            } catch (DataAccessException e) {
                log.debug("Job {}: progress not stored: {}", snapshot.id(), e.getMessage());
            }
        }
    }

    @Override
    public void saveCancelRequest(JobSnapshot snapshot) {
        Optional<JobLeases.Lease> lease = leases.get(snapshot.id());
        if (lease.isPresent()) {
            saveHeld(snapshot, lease.get());
        } else {
            jdbc.update("update training_jobs set cancel_requested = true, updated_at = now() where id = ?",
                    snapshot.id());
            notifications.publish(CANCELS, snapshot.id());
        }
    }

    @Override
    public void checkHeld(String jobId) {
        JobLeases.Lease lease = leases.get(jobId).orElseThrow(() -> new JobLeaseLostException(jobId, instance.get()));
        if (!stillHeld(jobId, lease)) {
            throw new JobLeaseLostException(jobId, instance.get());
        }
    }

    private boolean stillHeld(String jobId, JobLeases.Lease lease) {
        Integer held = jdbc.queryForObject(
                "select count(*) from training_jobs where id = ? and owner = ? and fence = ?", Integer.class,
                jobId, instance.get(), lease.fence());
        return held != null && held > 0;
    }

    @Override
    public List<String> unreadable() {
        return List.of();
    }

    /**
     * Claims a job for this instance: owner = this instance, fence + 1. Returns the new fence and the stored job, or
     * empty when there is no such job or it has ended. A job another instance holds is taken over: JobRunr only
     * hands a job out again once its server is declared dead (or this instance handed it over).
     */
    Optional<Claim> claim(String id) {
        return transactions.execute(status -> {
            List<Claim> rows = jdbc.query("update training_jobs set owner = ?, fence = fence + 1, updated_at = now() "
                    + "where id = ? and status in ('QUEUED', 'RUNNING') returning fence, snapshot, cancel_requested",
                    (r, n) -> new Claim(r.getLong(1), TrainingJob.restore(read(r.getString(2))), r.getBoolean(3)),
                    instance.get(), id);
            return rows.stream().findFirst();
        });
    }

    /**
     * Claims again a job this instance held by {@code fence} when its writes failed (the database went away): only
     * while nobody else claimed it meanwhile. Returns the stored job with the new fence, or empty.
     */
    Optional<Claim> reclaim(String id, long fence) {
        return transactions.execute(status -> {
            List<Claim> rows = jdbc.query("update training_jobs set fence = fence + 1, updated_at = now() "
                    + "where id = ? and owner = ? and fence = ? and status = 'RUNNING' "
                    + "returning fence, snapshot, cancel_requested",
                    (r, n) -> new Claim(r.getLong(1), TrainingJob.restore(read(r.getString(2))), r.getBoolean(3)),
                    id, instance.get(), fence);
            return rows.stream().findFirst();
        });
    }

    /** Whether the database answers now. */
    boolean reachable() {
        try {
            jdbc.queryForObject("select 1", Integer.class);
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }

    record Claim(long fence, TrainingJob job, boolean cancelRequested) {
    }

    /** Whether the job's row is there (committed) at all, whatever its status. */
    boolean exists(String id) {
        Integer rows = jdbc.queryForObject("select count(*) from training_jobs where id = ?", Integer.class, id);
        return rows != null && rows > 0;
    }

    private void saveHeld(JobSnapshot snapshot, JobLeases.Lease lease) {
        boolean releases = snapshot.status().isFinal() || snapshot.status() == JobStatus.QUEUED;
        List<Boolean> cancel = jdbc.query("update training_jobs set status = ?, snapshot = ?, updated_at = now(), "
                        + "owner = case when ? then null else owner end, "
                        + "fence = case when ? then fence + 1 else fence end, "
                        + "cancel_requested = cancel_requested or ? "
                        + "where id = ? and owner = ? and fence = ? "
                        + "and (snapshot::jsonb ->> 'version')::bigint < ? returning cancel_requested",
                (r, n) -> r.getBoolean(1), snapshot.status().name(), write(snapshot), releases, releases,
                snapshot.cancelRequested(), snapshot.id(), instance.get(), lease.fence(), snapshot.version());
        if (cancel.isEmpty()) {
            if (stillHeld(snapshot.id(), lease)) {
                log.debug("Job {}: snapshot {} older than the stored one, not written", snapshot.id(),
                        snapshot.version());
                return;
            }
            throw new JobLeaseLostException(snapshot.id(), instance.get());
        }
        if (releases) {
            leases.release(snapshot.id());
        }
        if (snapshot.status().isFinal()) {
            jdbc.update("delete from job_checkpoints where job_id = ?", snapshot.id());
        }
        notifyChange(snapshot);
        if (cancel.get(0) && !snapshot.cancelRequested() && !snapshot.status().isFinal()) {
            requestCancel(lease.job());
        }
    }

    /** A waiting job cancelled by a request: only while it still waits, else the stop request reaches its runner. */
    private void cancelWaiting(JobSnapshot snapshot) {
        int updated = jdbc.update("update training_jobs set status = 'CANCELLED', snapshot = ?, cancel_requested = true, "
                + "updated_at = now() where id = ? and status = 'QUEUED' and owner is null", write(snapshot),
                snapshot.id());
        if (updated == 0) {
            jdbc.update("update training_jobs set cancel_requested = true where id = ?", snapshot.id());
            notifications.publish(CANCELS, snapshot.id());
        } else {
            notifyChange(snapshot);
        }
    }

    private void notifyChange(JobSnapshot snapshot) {
        try {
            notifications.publish(EVENTS, snapshot.id() + " " + instance.get());
        } catch (RuntimeException e) {
            log.debug("Job {}: change not announced: {}", snapshot.id(), e.getMessage());
        }
    }

    /** Another instance asked a job to stop: if it runs here, it stops at its next iteration. */
    private void cancelRequested(String jobId) {
        leases.get(jobId).ifPresent(lease -> requestCancel(lease.job()));
    }

    private void requestCancel(TrainingJob job) {
        try {
            job.requestCancel(clock.instant());
            log.info("Job {} asked to stop by another instance", job.id());
        } catch (JobNotCancellableException e) {
            // ended meanwhile
        }
    }

    private String write(JobSnapshot snapshot) {
        return json.writeValueAsString(snapshot);
    }

    private JobSnapshot read(String stored) {
        return json.readValue(stored, JobSnapshot.class);
    }
}
