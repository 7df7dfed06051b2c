package io.digitnet.training;

import java.util.List;
import java.util.Optional;

/**
 * Where jobs live; everything else reaches jobs only through this interface and {@link JobQueue}. Adapters:
 * {@link FileJobRepository} (one {@code job.json} per job) and {@link PostgresJobRepository} (cluster mode, whose
 * writes of a running job are fenced: see {@link JobLeaseLostException}).
 */
public interface JobRepository {

    /** Registers a new job and stores it durably before returning. */
    void add(TrainingJob job);

    Optional<TrainingJob> find(String id);

    /** Every job, newest first. */
    List<TrainingJob> findAll();

    /** Stores a job's changed state; a snapshot older than one already stored is ignored. */
    void save(JobSnapshot snapshot);

    /**
     * A job's progress between two status changes or epochs. File mode keeps it in memory only (the record always
     * describes the last checkpoint); cluster mode stores it so that every instance shows it.
     */
    default void saveProgress(JobSnapshot snapshot) {
    }

    /**
     * Someone asked a running job to stop ({@code snapshot.cancelRequested()}): file mode stores it like any change;
     * cluster mode also tells the instance running the job.
     */
    default void saveCancelRequest(JobSnapshot snapshot) {
        save(snapshot);
    }

    /**
     * Cluster mode: throws {@link JobLeaseLostException} unless this instance still holds the running job, so that
     * nothing lasting (a model) is stored for a job another instance took over. File mode has nothing to check.
     */
    default void checkHeld(String jobId) {
    }

    /** Stored records that could not be read at start-up, each with the reason (reported, never fatal). */
    List<String> unreadable();
}
