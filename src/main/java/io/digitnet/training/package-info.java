/**
 * Training jobs: submission and validation of a job's configuration, the job queue and workers, checkpoints,
 * progress events (SSE and metrics), and storing the finished model. Owns {@code <data-dir>/jobs}. May use
 * {@code nn}, {@code datasets}, {@code models}, {@code npy}, {@code files}, {@code system} and {@code cluster}
 * (LISTEN/NOTIFY for its cluster-mode adapters: PostgreSQL job records and checkpoints, the JobRunr queue);
 * {@code web} only from its {@code web} sub-package. Only {@code sweeps} depends on training (it
 * submits and watches jobs).
 */
@ApplicationModule(displayName = "Training")
package io.digitnet.training;

import org.springframework.modulith.ApplicationModule;
