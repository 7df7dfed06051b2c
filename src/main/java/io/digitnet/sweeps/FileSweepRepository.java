package io.digitnet.sweeps;

import io.digitnet.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each sweep as {@code <sweeps dir>/<id>.json}, written atomically (a crash leaves the old record or the new one).
 * Records that cannot be read at start-up are logged and listed, and start-up goes on.
 */
@Repository
class FileSweepRepository implements SweepRepository {

    private static final Logger log = LoggerFactory.getLogger(FileSweepRepository.class);
    private static final String SUFFIX = ".json";

    /** Our own mapper: the file format must not change with the web layer's Jackson settings. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Path dir;
    private final Map<String, SweepSnapshot> sweeps = new ConcurrentHashMap<>();
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
            sweeps.put(sweep.id(), sweep);
        } catch (RuntimeException e) {
            String problem = file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
            log.warn("Skipping unreadable sweep record {}", problem);
            synchronized (unreadable) {
                unreadable.add(problem);
            }
        }
    }

    @Override
    public void save(SweepSnapshot sweep) {
        synchronized (sweepLock(sweep.id())) {
            SweepSnapshot last = sweeps.get(sweep.id());
            if (last != null && last.version() >= sweep.version()) {
                return;
            }
            try {
                DurableFiles.write(dir.resolve(sweep.id() + SUFFIX), out -> json.writeValue(out, sweep));
            } catch (IOException e) {
                throw new UncheckedIOException("could not write sweep " + sweep.id() + ": " + e.getMessage(), e);
            }
            sweeps.put(sweep.id(), sweep);
        }
    }

    @Override
    public List<SweepSnapshot> findAll() {
        return List.copyOf(sweeps.values());
    }

    @Override
    public List<String> unreadable() {
        synchronized (unreadable) {
            return List.copyOf(unreadable);
        }
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object sweepLock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }
}
