package io.digitnet.training;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores a job whenever its status changes or an epoch ends. Progress alone is not written: the record always
 * describes the last checkpoint, which is where a restart resumes. {@link JobQueued} is not written either: the job
 * was stored by {@link JobRepository#add} just before, under the submission lock, and once is enough.
 *
 * <p>First of all listeners: when the record cannot be written (a full disk), the event goes no further, so that
 * no stream, metric or checkpoint clean-up acts on a change that is not on disk (the repository has rolled the job
 * back to its stored record).
 */
@Component
class JobPersistence {

    private final JobRepository repository;

    JobPersistence(JobRepository repository) {
        this.repository = repository;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
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
