package io.digitnet.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Gzip bombs in dataset uploads, measured by what is read and allocated rather than by time: the inflated bytes are
 * counted as they come and stop at the budget, and an IDX header declaring 10^9 images is refused before anything
 * is allocated for them.
 */
class InflationBudgetTests {

    @Test
    void inflatingStopsAtTheBudgetWhateverTheArchiveHolds() throws IOException {
        byte[] bomb = gzip(new byte[0], 256 << 20); // 256 MiB of zeros: about 250 KB
        InflationBudget budget = new InflationBudget(1 << 20);
        long[] read = {0};

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> {
            try (InputStream in = IdxUpload.content(new ByteArrayInputStream(bomb), budget)) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read[0] += n;
                }
            }
        }).isInstanceOf(UploadTooLargeException.class).hasMessageContaining("max-uncompressed"));

        assertThat(read[0]).isLessThanOrEqualTo(1 << 20);
        assertThat(allocated).isLessThan(16L << 20);
    }

    @Test
    void aGzippedIdxHeaderDeclaringABillionLabelsIsRefusedBeforeAnyAreRead() {
        byte[] labels = gzip(header(0x00000801, 1_000_000_000), 1 << 20);

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> IdxUpload.labels(
                IdxUpload.content(new ByteArrayInputStream(labels), new InflationBudget(1L << 31)),
                "part 'train-labels'", 500_000))
                .isInstanceOf(UploadTooLargeException.class)
                .hasMessageContaining("part 'train-labels'").hasMessageContaining("1000000000"));

        assertThat(allocated).isLessThan(16L << 20);
    }

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static byte[] header(int... ints) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int i : ints) {
                out.writeInt(i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] head, int zeros) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(head);
            byte[] block = new byte[1 << 20];
            for (int written = 0; written < zeros; written += block.length) {
                gzip.write(block, 0, Math.min(block.length, zeros - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
