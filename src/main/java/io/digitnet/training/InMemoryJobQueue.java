package io.digitnet.training;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import io.digitnet.system.FileMode;
import org.springframework.stereotype.Component;

/** The queue of one instance. Capacity limits new submissions only; recovered jobs always get back in. */
@Component
@FileMode
class InMemoryJobQueue implements JobQueue {

    private final int capacity;
    private final Deque<String> ids = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Object submissions = new Object();

    InMemoryJobQueue(JobsSettings settings) {
        this.capacity = settings.queueCapacity();
    }

    @Override
    public <T> T whileSubmitting(Supplier<T> submission) {
        synchronized (submissions) {
            return submission.get();
        }
    }

    @Override
    public boolean offer(String jobId) {
        lock.lock();
        try {
            if (ids.size() >= capacity) {
                return false;
            }
            ids.addLast(jobId);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void restore(List<String> jobIds) {
        lock.lock();
        try {
            for (int i = jobIds.size() - 1; i >= 0; i--) {
                ids.addFirst(jobIds.get(i));
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (ids.isEmpty()) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return Optional.of(ids.removeFirst());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(String jobId) {
        lock.lock();
        try {
            return ids.remove(jobId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return ids.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public List<String> ids() {
        lock.lock();
        try {
            return List.copyOf(ids);
        } finally {
            lock.unlock();
        }
    }
}
