package io.digitnet.training;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores a job whenever its status changes or an epoch ends. Progress alone is not written: the record always
 * describes the last checkpoint, which is where a restart resumes.
 */
@Component
class JobPersistence {

    private final JobRepository repository;

    JobPersistence(JobRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void on(JobEvent event) {
        if (event instanceof JobProgressed) {
            repository.saveProgress(event.job());
        } else {
            repository.save(event.job());
        }
    }
}
