package io.digitnet.training;

import io.digitnet.files.DiskFull;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes that end a job or one of its epochs (its model, its records) on a full disk. While they fail for want of space, the job
 * stays RUNNING, as its record on disk says (a record that cannot be written rolls the job back, see
 * {@link FileJobRepository}), and the write is tried again every {@link #RETRY} until it succeeds: freeing space is
 * enough, no restart and no lost training. A shutdown ends the waiting with {@link EndNotStoredException}; the job
 * then resumes from its checkpoint at the next start.
 */
final class EndWrites {

    /** How often a job whose end cannot be stored tries again. */
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(EndWrites.class);

    private EndWrites() {
    }

    /** Runs {@code write}, again and again while it fails on a full disk; other failures are thrown at once. */
    static <T> T whenStored(String jobId, Supplier<T> write, BooleanSupplier stopping) {
        boolean warned = false;
        while (true) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!DiskFull.isCause(e)) {
                    throw e;
                }
                if (stopping.getAsBoolean()) {
                    throw new EndNotStoredException("the disk is full and the service is stopping", e);
                }
                if (!warned) {
                    warned = true;
                    log.warn("Job {}: its progress cannot be stored, the disk is full; it stays RUNNING and tries "
                            + "again every {} s until space is freed", jobId, RETRY.toSeconds());
                }
            }
            if (!pause(stopping)) {
                throw new EndNotStoredException("the disk is full and the service is stopping", null);
            }
        }
    }

    /** Waits {@link #RETRY}; false when the service stops (or the thread is interrupted) meanwhile. */
    private static boolean pause(BooleanSupplier stopping) {
        long deadline = System.nanoTime() + RETRY.toNanos();
        while (System.nanoTime() < deadline) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The end of a job could not be stored before the service stopped. */
    static final class EndNotStoredException extends RuntimeException {
        EndNotStoredException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
