package io.digitnet.sweeps;

import java.util.List;

/** Where sweep records are kept; one adapter per mode (files under the data directory for a single instance). */
public interface SweepRepository {

    /** Stores a sweep's state durably before returning; a snapshot older than one already stored is ignored. */
    void save(SweepSnapshot sweep);

    /** Every stored sweep, as read at start-up or since written. */
    List<SweepSnapshot> findAll();

    /** Stored records that could not be read, each with the reason (reported, never fatal). */
    List<String> unreadable();
}
