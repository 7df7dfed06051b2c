package io.digitnet.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** A full filesystem is told from other I/O failures, however the exception that carries it is wrapped. */
class DiskFullTests {

    @Test
    void enospcAndEdquotAreAFullDiskWrappedOrNot() {
        IOException enospc = new FileSystemException("/data/jobs/j1", null, "No space left on device");
        assertThat(DiskFull.isCause(enospc)).isTrue();
        assertThat(DiskFull.isCause(new UncheckedIOException("could not write job.json", enospc))).isTrue();
        assertThat(DiskFull.isCause(new IllegalStateException(new UncheckedIOException(enospc)))).isTrue();
        assertThat(DiskFull.isCause(new IOException("Disk quota exceeded"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DiskFull.isCause(new IOException("Permission denied"))).isFalse();
        assertThat(DiskFull.isCause(new UncheckedIOException(new IOException((String) null)))).isFalse();
        // the words alone, outside an I/O failure, are not a full disk
        assertThat(DiskFull.isCause(new IllegalArgumentException("No space left on device"))).isFalse();
        assertThat(DiskFull.isCause(null)).isFalse();
    }
}
