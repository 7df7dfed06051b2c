package io.digitnet.sweeps;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where sweeps are kept, and the only way to change one: {@link #change} gives exclusive access to a sweep's current
 * state (no other thread, and with a shared store no other instance, changes it meanwhile) and stores the result
 * before returning. One adapter per {@code digitnet.mode}: files under the data directory for a single instance
 * ({@link FileSweepRepository}), a PostgreSQL table shared by every instance ({@link PostgresSweepRepository}, whose
 * changes hold the sweep's row, so that instances feeding the same sweep take turns).
 */
public interface SweepRepository {

    /** What a change returned, and the sweep right after it. */
    record Changed<T>(T result, SweepSnapshot sweep) {
    }

    /** Stores a new sweep durably before returning. */
    void add(Sweep sweep);

    Optional<SweepSnapshot> find(String id);

    /** Every sweep, newest first. */
    List<SweepSnapshot> findAll();

    /** The ids of the running sweeps, oldest first: the order they are fed in. */
    List<String> running();

    /**
     * Applies {@code change} to the sweep with exclusive access and stores it if the change changed anything.
     * Empty when there is no such sweep.
     */
    <T> Optional<Changed<T>> change(String id, Function<Sweep, T> change);

    /** How many sweeps have this status now. */
    default long count(SweepStatus status) {
        return findAll().stream().filter(s -> s.status() == status).count();
    }

    /** Stored records that could not be read, each with the reason (reported, never fatal). */
    List<String> unreadable();
}
