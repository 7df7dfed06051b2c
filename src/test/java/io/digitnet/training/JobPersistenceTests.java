package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which job events reach the repository, counted through the {@link JobRepository} port. */
class JobPersistenceTests {

    @TempDir
    Path dir;

    /** The file repository, with every call that writes a record counted. */
    static final class CountingRepository implements JobRepository {
        final FileJobRepository files;
        final List<String> writes = new ArrayList<>();

        CountingRepository(FileJobRepository files) {
            this.files = files;
        }

        @Override
        public void add(TrainingJob job) {
            writes.add("add " + job.id());
            files.add(job);
        }

        @Override
        public Optional<TrainingJob> find(String id) {
            return files.find(id);
        }

        @Override
        public List<TrainingJob> findAll() {
            return files.findAll();
        }

        @Override
        public void save(JobSnapshot snapshot) {
            writes.add("save " + snapshot.id() + " " + snapshot.status());
            files.save(snapshot);
        }

        @Override
        public void saveProgress(JobSnapshot snapshot) {
            writes.add("progress " + snapshot.id());
        }

        @Override
        public List<String> unreadable() {
            return files.unreadable();
        }
    }

    /** POST /jobs: the record is written once, by add(), and the JobQueued that follows writes nothing more. */
    @Test
    void aSubmittedJobIsWrittenOnce() {
        JobsSettings settings = TestJobs.settings(dir, 10);
        CountingRepository repository = new CountingRepository(new FileJobRepository(settings));
        JobPersistence persistence = new JobPersistence(repository);
        List<Object> events = new ArrayList<>();
        TrainingJobs jobs = new TrainingJobs(new JobConfigResolver(TestJobs.sizesOnlyCatalog(), settings),
                repository, new InMemoryJobQueue(settings), event -> {
                    events.add(event);
                    persistence.on((JobEvent) event);
                }, settings, new WorkerAvailability(events::add));

        JobSnapshot job = jobs.submit(JobSpec.defaults());

        assertThat(events).singleElement().isInstanceOf(JobQueued.class);
        assertThat(repository.writes).containsExactly("add " + job.id());
        assertThat(dir.resolve(job.id()).resolve(FileJobRepository.RECORD)).exists();
    }

    @Test
    void statusChangesAreWrittenAndQueuedIsNot() {
        CountingRepository repository = new CountingRepository(new FileJobRepository(TestJobs.settings(dir, 10)));
        TrainingJob job = TestJobs.job("j1", 1);
        repository.add(job);
        JobPersistence persistence = new JobPersistence(repository);

        persistence.on(new JobQueued(job.snapshot()));
        persistence.on(job.start(Instant.now(), null));

        assertThat(repository.writes).containsExactly("add j1", "save j1 RUNNING");
    }
}
