package io.digitnet.training;

import io.digitnet.system.ClusterMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue of cluster mode: a job is handed to JobRunr ({@link ClusterTrainingTask#run}), whose background job
 * servers on every instance take work whenever they have a free worker. The capacity counts the QUEUED jobs of the
 * whole cluster; submissions check it one at a time under a PostgreSQL advisory lock, so the 429 applies to the
 * cluster as a whole.
 */
@Component
@ClusterMode
class JobRunrJobQueue implements JobQueue {

    /** pg_advisory_xact_lock key of submissions. */
    private static final long LOCK = 0x6469676974_02L;

    private final JobScheduler scheduler;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int capacity;

    JobRunrJobQueue(JobScheduler scheduler, JdbcTemplate jdbc, TransactionTemplate transactions,
                    JobsSettings settings) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.capacity = settings.queueCapacity();
    }

    @Override
    public <T> T whileSubmitting(Supplier<T> submission) {
        return transactions.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, LOCK);
            return submission.get();
        });
    }

    @Override
    public boolean offer(String jobId) {
        scheduler.<ClusterTrainingTask>enqueue(task -> task.run(jobId));
        return true;
    }

    /** Nothing to restore: the jobs of an instance that died are handed out again by JobRunr. */
    @Override
    public void restore(List<String> jobIds) {
    }

    /** JobRunr's workers take the jobs; nothing polls this queue. */
    @Override
    public Optional<String> poll(Duration timeout) {
        throw new UnsupportedOperationException("in cluster mode JobRunr's background job servers take the jobs");
    }

    /** A cancelled job stays in JobRunr's queue and ends at once when a worker takes it (its row says CANCELLED). */
    @Override
    public boolean remove(String jobId) {
        return false;
    }

    @Override
    public int size() {
        Integer queued = jdbc.queryForObject("select count(*) from training_jobs where status = 'QUEUED'",
                Integer.class);
        return queued == null ? 0 : queued;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public List<String> ids() {
        return jdbc.queryForList("select id from training_jobs where status = 'QUEUED' order by created_at, id",
                String.class);
    }
}
