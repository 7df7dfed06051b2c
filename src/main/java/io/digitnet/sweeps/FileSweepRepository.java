package io.digitnet.sweeps;

import io.digitnet.files.DurableFiles;
import io.digitnet.system.FileMode;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sweeps of one instance: in memory, each also stored as {@code <sweeps dir>/<id>.json}, written atomically (a crash
 * leaves the old record or the new one). A change holds the sweep's own lock; what it changed is written even when
 * it fails part-way (the memory is the store here). Records that cannot be read at start-up
 * are logged and listed, and start-up goes on.
 */
@Repository
@FileMode
class FileSweepRepository implements SweepRepository {

    private static final Logger log = LoggerFactory.getLogger(FileSweepRepository.class);
    private static final String SUFFIX = ".json";
    private static final Comparator<Sweep> OLDEST_FIRST = Comparator.comparing(Sweep::createdAt)
            .thenComparing(Sweep::id);

    /** Our own mapper: the file format must not change with the web layer's Jackson settings. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Path dir;
    private final Map<String, Sweep> sweeps = new ConcurrentHashMap<>();
    private final List<String> unreadable = new ArrayList<>();

    FileSweepRepository(SweepsSettings settings) {
        this.dir = settings.dir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sweeps directory " + dir + ": " + e.getMessage(), e);
        }
        DurableFiles.deleteLeftovers(dir, 1);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(this::read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sweeps directory " + dir + ": " + e.getMessage(), e);
        }
        log.info("Loaded {} sweep(s) from {}", sweeps.size(), dir);
    }

    private void read(Path file) {
        try {
            SweepSnapshot sweep = json.readValue(file.toFile(), SweepSnapshot.class);
            if (sweep.id() == null || !file.getFileName().toString().equals(sweep.id() + SUFFIX)
                    || sweep.plan() == null || sweep.status() == null) {
                throw new IllegalArgumentException("its id, status or plan is missing or does not match its name");
            }
            sweeps.put(sweep.id(), Sweep.restore(sweep));
        } catch (RuntimeException e) {
            String problem = file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
            log.warn("Skipping unreadable sweep record {}", problem);
            synchronized (unreadable) {
                unreadable.add(problem);
            }
        }
    }

    @Override
    public void add(Sweep sweep) {
        synchronized (sweep) {
            write(sweep.snapshot());
            if (sweeps.putIfAbsent(sweep.id(), sweep) != null) {
                throw new IllegalArgumentException("sweep '" + sweep.id() + "' already exists");
            }
        }
    }

    @Override
    public Optional<SweepSnapshot> find(String id) {
        return Optional.ofNullable(sweeps.get(id)).map(Sweep::snapshot);
    }

    @Override
    public List<SweepSnapshot> findAll() {
        return sweeps.values().stream().sorted(OLDEST_FIRST.reversed()).map(Sweep::snapshot).toList();
    }

    @Override
    public List<String> running() {
        return sweeps.values().stream().filter(s -> s.status() == SweepStatus.RUNNING).sorted(OLDEST_FIRST)
                .map(Sweep::id).toList();
    }

    @Override
    public <T> Optional<Changed<T>> change(String id, Function<Sweep, T> change) {
        Sweep sweep = sweeps.get(id);
        if (sweep == null) {
            return Optional.empty();
        }
        synchronized (sweep) {
            long before = sweep.changes();
            try {
                T result = change.apply(sweep);
                return Optional.of(new Changed<>(result, sweep.snapshot()));
            } finally {
                // Also after a failure part-way: the memory is this store, and the file must say the same.
                if (sweep.changes() != before) {
                    write(sweep.snapshot());
                }
            }
        }
    }

    @Override
    public List<String> unreadable() {
        synchronized (unreadable) {
            return List.copyOf(unreadable);
        }
    }

    private void write(SweepSnapshot sweep) {
        try {
            DurableFiles.write(dir.resolve(sweep.id() + SUFFIX), out -> json.writeValue(out, sweep));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write sweep " + sweep.id() + ": " + e.getMessage(), e);
        }
    }
}
