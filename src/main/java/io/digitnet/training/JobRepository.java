package io.digitnet.training;

import java.util.List;
import java.util.Optional;

/**
 * Where jobs live. The seam for moving job state to a shared database later: everything else reaches jobs only
 * through this interface and {@link JobQueue}.
 */
public interface JobRepository {

    /** Registers a new job and stores it durably before returning. */
    void add(TrainingJob job);

    Optional<TrainingJob> find(String id);

    /** Every job, newest first. */
    List<TrainingJob> findAll();

    /** Stores a job's changed state; a snapshot older than one already stored is ignored. */
    void save(JobSnapshot snapshot);

    /** Stored records that could not be read at start-up, each with the reason (reported, never fatal). */
    List<String> unreadable();
}
