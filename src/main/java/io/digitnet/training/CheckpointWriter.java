package io.digitnet.training;

import io.digitnet.nn.Checkpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checkpoints on a thread of its own, so that training never waits for the disk (a durable write is two
 * fsyncs, 3-50 ms here, after every epoch). When the writer falls behind, only the latest checkpoint of a job is
 * written. {@link #finish} waits for a job's writes before its end is published (an ended job's checkpoint is then
 * deleted, so nothing may still be writing it).
 */
final class CheckpointWriter {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    private final Checkpoints checkpoints;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "checkpoint-writer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Pending> pending = new ConcurrentHashMap<>(); // by job: the latest not yet written

    private record Pending(JobConfig config, Checkpoint checkpoint) {
    }

    CheckpointWriter(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** Queues the checkpoint, replacing one of the same job that is still waiting; returns at once. */
    void submit(String jobId, JobConfig config, Checkpoint checkpoint) {
        if (pending.put(jobId, new Pending(config, checkpoint)) == null) {
            thread.execute(() -> write(jobId));
        }
    }

    /**
     * Returns once no write of the job is waiting or running. {@code keepLatest}: the waiting checkpoint is written
     * first (a job that resumes later needs it); otherwise it is dropped.
     */
    void finish(String jobId, boolean keepLatest) {
        if (!keepLatest) {
            pending.remove(jobId);
        }
        try {
            thread.submit(() -> { }).get(); // one thread: everything queued before has run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void write(String jobId) {
        Pending latest = pending.remove(jobId);
        if (latest == null) {
            return;
        }
        try {
            checkpoints.save(jobId, latest.config(), latest.checkpoint());
        } catch (RuntimeException e) {
            // Training goes on: losing resumability is better than losing the run.
            log.warn("Job {}: could not write the checkpoint of epoch {}: {}", jobId,
                    latest.checkpoint().completedEpochs(), e.getMessage());
        }
    }
}
