package io.digitnet.training;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores a job whenever its status changes or an epoch ends. Progress alone is not written: the record always
 * describes the last checkpoint, which is where a restart resumes. {@link JobQueued} is not written either: the job
 * was stored by {@link JobRepository#add} just before, under the submission lock, and once is enough.
 */
@Component
class JobPersistence {

    private final JobRepository repository;

    JobPersistence(JobRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void on(JobEvent event) {
        if (event instanceof JobQueued) {
            return;
        }
        if (event instanceof JobProgressed) {
            repository.saveProgress(event.job());
        } else {
            repository.save(event.job());
        }
    }
}
