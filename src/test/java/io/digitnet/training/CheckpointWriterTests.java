package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.nn.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckpointWriterTests {

    /** Records the epochs written; the first write blocks until released, so that later ones queue up. */
    private static final class SlowCheckpoints implements Checkpoints {
        final List<Integer> written = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void save(String jobId, JobConfig config, Checkpoint checkpoint) {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(checkpoint.completedEpochs());
        }

        @Override
        public Optional<Checkpoint> load(String jobId, JobConfig config) {
            return Optional.empty();
        }

        @Override
        public void delete(String jobId) {
        }
    }

    private final SlowCheckpoints checkpoints = new SlowCheckpoints();
    private final CheckpointWriter writer = new CheckpointWriter(checkpoints);
    private final JobConfig config = TestJobs.config(3);

    private static Checkpoint epoch(int epoch) {
        return new Checkpoint(epoch, epoch * 10L, null, Map.of(), 0, null, Double.NaN, 0, List.of());
    }

    @AfterEach
    void close() throws InterruptedException {
        checkpoints.release.countDown();
        writer.close();
    }

    @Test
    void submittingReturnsAtOnceAndOnlyTheLatestWaitingCheckpointIsWritten() throws InterruptedException {
        writer.submit("job", config, epoch(1));
        checkpoints.started.await(); // epoch 1 is being written and blocks
        writer.submit("job", config, epoch(2));
        writer.submit("job", config, epoch(3)); // replaces epoch 2, which never started

        checkpoints.release.countDown();
        writer.finish("job", true);

        assertThat(checkpoints.written).containsExactly(1, 3);
    }

    @Test
    void finishingWithoutKeepingDropsTheWaitingCheckpointButWaitsForTheRunningOne() throws InterruptedException {
        writer.submit("job", config, epoch(1));
        checkpoints.started.await();
        writer.submit("job", config, epoch(2));

        Thread finisher = new Thread(() -> writer.finish("job", false));
        finisher.start();
        // it has dropped epoch 2 once it waits for the write that is running
        await().until(() -> finisher.getState() == Thread.State.WAITING);
        checkpoints.release.countDown();
        finisher.join();

        assertThat(checkpoints.written).containsExactly(1);
    }
}
