package io.digitnet.training;

import io.digitnet.nn.Checkpoint;
import java.util.Optional;

/**
 * The latest epoch-boundary checkpoint of each running job, from which it resumes after a restart or on another
 * instance. Adapters: {@link FileCheckpoints} (files under the jobs directory) and {@link PostgresCheckpoints}
 * (cluster mode; writes are fenced by the job's lease).
 */
interface Checkpoints {

    void save(String jobId, JobConfig config, Checkpoint checkpoint);

    /**
     * The job's latest checkpoint, or empty when it has none.
     *
     * @throws CheckpointUnreadableException when one exists but is damaged or belongs to another configuration
     */
    Optional<Checkpoint> load(String jobId, JobConfig config);

    void delete(String jobId);
}
