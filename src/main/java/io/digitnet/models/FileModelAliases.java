package io.digitnet.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import io.digitnet.files.DurableFiles;
import io.digitnet.system.FileMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aliases of file mode, persisted in {@code <models dir>/aliases.json}. Readers get the
 * current immutable map without locking; every change writes a whole new file and renames it over the old one before
 * it becomes visible, so the file and the map never disagree and a crash keeps the old or the new aliases.
 */
@Component
@FileMode
public class FileModelAliases implements ModelAliases {

    static final String FILE = "aliases.json";

    private final Path file;
    private final JsonMapper json;
    private volatile Map<String, String> current;

    @Autowired
    FileModelAliases(ModelsSettings settings, JsonMapper json) {
        this(settings.dir().toAbsolutePath().normalize(), json);
    }

    FileModelAliases(Path dir, JsonMapper json) {
        this.file = dir.resolve(FILE);
        this.json = json;
        this.current = read();
    }

    @Override
    public Map<String, String> current() {
        return current;
    }

    @Override
    public void update(UnaryOperator<Map<String, String>> change) {
        Map<String, String> next = Map.copyOf(change.apply(new TreeMap<>(current)));
        try {
            DurableFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new TreeMap<>(next)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        current = next;
    }

    private Map<String, String> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<String, String> aliases;
        try {
            aliases = json.readValue(Files.readAllBytes(file), new TypeReference<Map<String, String>>() { });
        } catch (IOException | JacksonException e) {
            // refusing to start beats silently forgetting where 'production' points
            throw new IllegalStateException(file + " cannot be read (" + e.getMessage() + "); fix or remove it", e);
        }
        aliases.forEach((alias, id) -> {
            if (!ModelIds.isAlias(alias) || ModelIds.LATEST.equals(alias) || !ModelIds.isId(id)) {
                throw new IllegalStateException(file + " has an invalid entry '" + alias + "': '" + id + "'; fix or remove it");
            }
        });
        return Map.copyOf(aliases);
    }
}
