package io.digitnet.models;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Named pointers to models ({@code production → m-...}). Readers get the current immutable map without locking; a
 * change is persisted before it becomes visible. Two adapters: {@link FileModelAliases} ({@code aliases.json}) and
 * {@link PostgresModelAliases} (cluster mode, shared by every instance).
 */
public interface ModelAliases {

    Map<String, String> current();

    default Optional<String> target(String alias) {
        return Optional.ofNullable(current().get(alias));
    }

    /** Applies a change to the aliases and persists it; callers serialise changes (see {@link ModelRegistry}). */
    void update(UnaryOperator<Map<String, String>> change);
}
