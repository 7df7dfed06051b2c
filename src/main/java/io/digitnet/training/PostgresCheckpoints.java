package io.digitnet.training;

import io.digitnet.nn.Checkpoint;
import io.digitnet.system.ClusterMode;
import io.digitnet.system.InstanceId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkpoints of cluster mode, one row of {@code job_checkpoints} per job: the same npz and index as the file mode.
 * A write succeeds only while this instance still holds the job's lease (else {@link JobLeaseLostException}), so an
 * instance that stalled and came back cannot overwrite the checkpoint of the instance that took its job over. The
 * checkpoint of a job that ended is deleted with its final, fenced status write ({@link PostgresJobRepository}).
 */
@Component
@ClusterMode
class PostgresCheckpoints implements Checkpoints {

    private final JdbcTemplate jdbc;
    private final JobLeases leases;
    private final InstanceId instance;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    PostgresCheckpoints(JdbcTemplate jdbc, JobLeases leases, InstanceId instance) {
        this.jdbc = jdbc;
        this.leases = leases;
        this.instance = instance;
    }

    @Override
    public void save(String jobId, JobConfig config, Checkpoint checkpoint) {
        long fence = leases.get(jobId).orElseThrow(() -> new JobLeaseLostException(jobId, instance.get())).fence();
        FileCheckpoints.Encoded encoded = FileCheckpoints.encode(config, checkpoint);
        int written = jdbc.update("insert into job_checkpoints (job_id, completed_epochs, index_json, weights) "
                // for share: waits for a claim under way, then sees its new fence
                + "select ?, ?, ?, ? where exists "
                + "(select 1 from training_jobs where id = ? and owner = ? and fence = ? for share) "
                + "on conflict (job_id) do update set completed_epochs = excluded.completed_epochs, "
                + "index_json = excluded.index_json, weights = excluded.weights",
                jobId, checkpoint.completedEpochs(), json.writeValueAsString(encoded.index()), encoded.npz(),
                jobId, instance.get(), fence);
        if (written == 0) {
            throw new JobLeaseLostException(jobId, instance.get());
        }
    }

    @Override
    public Optional<Checkpoint> load(String jobId, JobConfig config) {
        List<Optional<Checkpoint>> rows = jdbc.query(
                "select index_json, weights from job_checkpoints where job_id = ?", (r, n) -> {
                    FileCheckpoints.Index index;
                    try {
                        index = json.readValue(r.getString(1), FileCheckpoints.Index.class);
                    } catch (RuntimeException e) {
                        throw new CheckpointUnreadableException(jobId, "its index is unreadable: " + e.getMessage());
                    }
                    if (!config.equals(index.config())) {
                        throw new CheckpointUnreadableException(jobId, "it was taken with a different configuration");
                    }
                    return Optional.of(FileCheckpoints.decode(jobId, index, r.getBytes(2)));
                }, jobId);
        return rows.isEmpty() ? Optional.empty() : rows.get(0);
    }

    @Override
    public void delete(String jobId) {
        jdbc.update("delete from job_checkpoints where job_id = ?", jobId);
    }
}
