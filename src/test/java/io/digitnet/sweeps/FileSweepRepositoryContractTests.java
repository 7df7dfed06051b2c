package io.digitnet.sweeps;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The sweep repository contract on files: one instance, so the "other instance" is the same repository. */
class FileSweepRepositoryContractTests extends SweepRepositoryContract {

    @TempDir
    Path dir;
    private FileSweepRepository repository;

    @Override
    SweepRepository repository() {
        if (repository == null) {
            repository = (FileSweepRepository) restarted();
        }
        return repository;
    }

    @Override
    SweepRepository restarted() {
        return new FileSweepRepository(new SweepsSettings(dir, 2, Duration.ofSeconds(1), 1000, 16,
                Duration.ofMinutes(30)));
    }

    @Override
    SweepRepository otherInstance() {
        return repository();
    }
}
