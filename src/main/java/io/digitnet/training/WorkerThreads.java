package io.digitnet.training;

/**
 * Makes the threads that training workers run on. A seam so that a failure to create one (the JVM out of native
 * threads or memory) can be reproduced; the default simply makes a platform thread.
 */
@FunctionalInterface
public interface WorkerThreads {

    /** A new, unstarted thread; may throw when none can be made. */
    Thread create(Runnable work, String name);

    WorkerThreads PLATFORM = Thread::new;
}
