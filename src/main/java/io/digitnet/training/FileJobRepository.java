package io.digitnet.training;

import io.digitnet.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.digitnet.system.FileMode;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs in memory, each also stored as {@code <jobs dir>/<id>/job.json} (written atomically). All records are read
 * at start-up; one that cannot be read is logged and listed by {@link #unreadable()}, and start-up goes on.
 */
@Repository
@FileMode
class FileJobRepository implements JobRepository {

    static final String RECORD = "job.json";
    private static final Logger log = LoggerFactory.getLogger(FileJobRepository.class);
    private static final Comparator<TrainingJob> NEWEST_FIRST = Comparator
            .comparing(TrainingJob::createdAt).thenComparing(TrainingJob::id).reversed();

    /** Our own mapper: the file format must not change with the web layer's Jackson settings. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Path dir;
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    /**
     * The snapshot last written per job: its version drops stale snapshots that arrive late from another thread, and
     * a job whose next record cannot be written is rolled back to it.
     */
    private final Map<String, JobSnapshot> written = new ConcurrentHashMap<>();
    private final List<String> unreadable = new ArrayList<>();

    FileJobRepository(JobsSettings settings) {
        this.dir = settings.dir();
        load();
    }

    private void load() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the jobs directory " + dir + ": " + e.getMessage(), e);
        }
        int leftovers = DurableFiles.deleteLeftovers(dir, 2);
        if (leftovers > 0) {
            log.info("Removed {} temporary file(s) left in {} by interrupted writes", leftovers, dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isDirectory).map(d -> d.resolve(RECORD)).filter(Files::exists).forEach(this::read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the jobs directory " + dir + ": " + e.getMessage(), e);
        }
        log.info("Loaded {} job(s) from {}", jobs.size(), dir);
    }

    private void read(Path file) {
        try {
            JobSnapshot snapshot = json.readValue(file.toFile(), JobSnapshot.class);
            if (snapshot.id() == null || !file.getParent().getFileName().toString().equals(snapshot.id())
                    || snapshot.config() == null || snapshot.status() == null) {
                throw new IllegalArgumentException("its id, status or config is missing or does not match its folder");
            }
            jobs.put(snapshot.id(), TrainingJob.restore(snapshot));
            written.put(snapshot.id(), snapshot);
        } catch (RuntimeException e) {
            String problem = file + ": " + e.getMessage().lines().findFirst().orElse("unreadable");
            log.warn("Skipping unreadable job record {}", problem);
            synchronized (unreadable) {
                unreadable.add(problem);
            }
        }
    }

    @Override
    public void add(TrainingJob job) {
        if (jobs.putIfAbsent(job.id(), job) != null) {
            throw new IllegalArgumentException("job '" + job.id() + "' already exists");
        }
        try {
            save(job.snapshot());
        } catch (RuntimeException e) {
            // Never list a job that is not on disk: it would vanish at the next start.
            jobs.remove(job.id());
            written.remove(job.id());
            throw new JobNotStoredException("the job could not be stored, so it was not queued: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TrainingJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public List<TrainingJob> findAll() {
        return jobs.values().stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public void save(JobSnapshot snapshot) {
        TrainingJob job = jobs.get(snapshot.id());
        if (job == null) {
            throw new IllegalArgumentException("job '" + snapshot.id() + "' was never added");
        }
        // Per-job lock (the job's own monitor): writes of different jobs don't wait for each other, and no change
        // of this job slips in between a failed write and its roll-back.
        synchronized (job) {
            JobSnapshot last = written.get(snapshot.id());
            if (last != null && last.version() >= snapshot.version() && Files.exists(file(snapshot.id()))) {
                return;
            }
            Path file = file(snapshot.id());
            try {
                Files.createDirectories(file.getParent());
                DurableFiles.write(file, out -> json.writeValue(out, snapshot));
            } catch (IOException e) {
                rollBack(job, last);
                throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollBack(job, last);
                throw e;
            }
            written.put(snapshot.id(), snapshot);
        }
    }

    /** The record on disk is still the last one written: so is the job that the API shows. */
    private static void rollBack(TrainingJob job, JobSnapshot written) {
        if (written != null) {
            job.rollBackTo(written);
        }
    }

    @Override
    public List<String> unreadable() {
        synchronized (unreadable) {
            return List.copyOf(unreadable);
        }
    }

    private Path file(String id) {
        return dir.resolve(id).resolve(RECORD);
    }
}
