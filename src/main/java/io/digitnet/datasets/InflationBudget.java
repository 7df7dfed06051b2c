package io.digitnet.datasets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How many bytes an upload may still inflate to, shared by every part and archive entry: a zip or gzip bomb is
 * stopped when its output passes the limit, whatever its headers claim.
 */
final class InflationBudget {

    private final long limit;
    private long used;

    InflationBudget(long limit) {
        this.limit = limit;
    }

    /** {@code in}, counted against this budget as it is read. */
    InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    spend(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    spend(n);
                }
                return n;
            }
        };
    }

    private void spend(long bytes) {
        used += bytes;
        if (used > limit) {
            throw new UploadTooLargeException("the upload inflates to more than " + limit
                    + " bytes (digitnet.datasets.uploads.max-uncompressed)");
        }
    }
}
