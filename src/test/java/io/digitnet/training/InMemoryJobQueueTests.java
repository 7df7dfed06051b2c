package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryJobQueueTests {

    private final InMemoryJobQueue queue = new InMemoryJobQueue(TestJobs.settings(Path.of("unused"), 2));

    @Test
    void refusesNewJobsBeyondItsCapacity() {
        assertThat(queue.offer("a")).isTrue();
        assertThat(queue.offer("b")).isTrue();
        assertThat(queue.offer("c")).isFalse();
        assertThat(queue.ids()).containsExactly("a", "b");
    }

    @Test
    void restoredJobsGoFirstRegardlessOfCapacity() throws InterruptedException {
        queue.offer("new");
        queue.restore(List.of("r1", "r2", "r3"));
        assertThat(queue.ids()).containsExactly("r1", "r2", "r3", "new");
        assertThat(queue.poll(Duration.ZERO)).contains("r1");
    }

    @Test
    void removesAWaitingJob() throws InterruptedException {
        queue.offer("a");
        queue.offer("b");
        assertThat(queue.remove("a")).isTrue();
        assertThat(queue.remove("a")).isFalse();
        assertThat(queue.poll(Duration.ofMillis(1))).contains("b");
        assertThat(queue.poll(Duration.ofMillis(1))).isEmpty();
    }
}
