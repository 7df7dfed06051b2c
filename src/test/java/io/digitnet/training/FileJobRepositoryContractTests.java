package io.digitnet.training;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The job repository contract on files: a temporary jobs directory per test; a restart reads it again. */
class FileJobRepositoryContractTests extends JobRepositoryContract {

    @TempDir
    Path dir;

    private FileJobRepository repository;

    @Override
    JobRepository repository() {
        if (repository == null) {
            repository = (FileJobRepository) restarted();
        }
        return repository;
    }

    @Override
    JobRepository restarted() {
        return new FileJobRepository(TestJobs.settings(dir, 10));
    }

    /** One process: the worker trains the very job the repository holds. */
    @Override
    TrainingJob take(String id) {
        return repository().find(id).orElseThrow();
    }
}
