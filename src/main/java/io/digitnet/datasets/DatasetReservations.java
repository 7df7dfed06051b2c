package io.digitnet.datasets;

import java.util.List;
import java.util.Optional;

/**
 * Names held by uploads that are not stored datasets (yet): {@code provisioning} while an upload is processed,
 * {@code failed} (with the reason) once its processing failed, until it is deleted or uploaded again. In file mode
 * this instance's memory ({@link LocalDatasetReservations}); in cluster mode rows of the shared {@code datasets}
 * table ({@link PostgresDatasetReservations}), so that every instance reports them and refuses their names.
 */
interface DatasetReservations {

    /**
     * Claims a name for an upload. The caller has checked the built-in and stored datasets; in cluster mode a stored
     * dataset also refuses the claim here, atomically.
     *
     * @return false when another upload holds the name (a failed one does not) or, in cluster mode, a dataset has it
     */
    boolean reserve(String name, DatasetDescription.Source source);

    /** The upload of {@code name} failed; reported as {@code failed} with the reason. */
    void failed(String name, String reason);

    /** Gives up the claim of an upload: refused (nothing is left) or stored (the dataset takes the name over). */
    void release(String name);

    /** A provisioning or failed upload. */
    Optional<DatasetDescription> find(String name);

    /** Every provisioning or failed upload. */
    List<DatasetDescription> list();

    /** Removes a failed upload; false when {@code name} is not one. */
    boolean deleteFailed(String name);
}
