package io.digitnet.training;

/**
 * The training threads of this instance: {@link TrainingWorkers} in file mode, JobRunr's background job server in
 * cluster mode.
 */
public interface WorkerPool {

    /** Jobs this instance trains at the same time. */
    int size();

    /** Workers able to take a job now; fewer than {@link #size()} means the instance is not healthy. */
    int alive();
}
