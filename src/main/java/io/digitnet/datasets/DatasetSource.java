package io.digitnet.datasets;

import java.io.IOException;

/** A place a dataset's files can be obtained from. */
interface DatasetSource {

    /**
     * Obtains as many of the missing files as this source has, handing each to {@link MissingFiles#install}.
     * Failing part-way is fine: what was installed stays, and the next source is asked for the rest.
     */
    void provide(MissingFiles missing) throws IOException;

    /** Names the source in logs and errors. */
    String description();

    /** Tells a person how to obtain the files from this source by hand. */
    String manualHint();

    /** Whether the source is reached over the network (skipped when downloads are off). */
    default boolean remote() {
        return true;
    }
}
