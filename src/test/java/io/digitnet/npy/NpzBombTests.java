package io.digitnet.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What reading a decompression bomb costs, counted rather than timed (issue 9, item 2: "less than 50 MB of extra
 * memory"): the bytes this thread allocates while {@link Npz#read} refuses an .npz whose small entry inflates to
 * 64 MiB, whether its header declares a huge array or a small one followed by far more data than it declares.
 * Allocation counts do not depend on how loaded the machine is.
 */
class NpzBombTests {

    private static final long FIFTY_MB = 50L << 20;
    private static final int ZEROS = 64 << 20;

    /** Refuses arrays of more than a million elements, as the import's limits do for its four arrays. */
    private static final ShapeCheck SMALL = (name, shape) -> {
        long elements = 1;
        for (long side : shape) {
            elements *= side;
        }
        if (elements > 1_000_000) {
            throw new InvalidNpzException("array '" + name + "' is too large; it was not read");
        }
    };

    @Test
    void aHugeDeclaredShapeIsRefusedFromTheHeaderAllocatingLittle() {
        byte[] bomb = NumpyBytes.deflatedZeros("W1.npy", "(784, 342392)", ZEROS);
        assertThat(bomb.length).isLessThan(1 << 20);

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(bomb), SMALL))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("it was not read"));

        assertThat(allocated).isLessThan(FIFTY_MB);
    }

    @Test
    void moreDataThanTheDeclaredShapeIsRefusedAfterOneExtraByte() {
        byte[] bomb = NumpyBytes.deflatedZeros("W1.npy", "(784, 100)", ZEROS);

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(bomb), SMALL))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("more data than its shape"));

        // the declared 313,600 bytes are read, then one more; not the 64 MiB that follow
        assertThat(allocated).isLessThan(FIFTY_MB);
    }

    @Test
    void withoutAShapeCheckTheReadersOwnLimitRefusesADeclaredGibibyteFromItsHeader() {
        byte[] bomb = NumpyBytes.deflatedZeros("W1.npy", "(784, 342393)", 1 << 20); // just over 1 GiB of float32

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(bomb)))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("larger than the limit"));

        assertThat(allocated).isLessThan(FIFTY_MB);
    }

    @Test
    void anArchiveOfAHundredThousandEmptyEntriesIsRefusedBeforeTheyAreListed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 120_000; i++) {
                zip.putNextEntry(new ZipEntry(Integer.toString(i, 36)));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] archive = bytes.toByteArray();
        assertThat(archive.length).isLessThan(16 << 20); // within the upload limit

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(archive), SMALL))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("more than 1024 entries"));

        assertThat(allocated).isLessThan(FIFTY_MB);
    }

    @Test
    void npzFilesAsTheServiceAndNumpyWriteThemStillRead() {
        byte[] small = NumpyBytes.deflatedZeros("b1.npy", "(100,)", 400);
        assertThat(Npz.read(new ByteArrayInputStream(small), SMALL)).containsOnlyKeys("b1");
    }

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
