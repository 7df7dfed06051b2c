package io.digitnet.nn;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The number of threads native code (OpenBLAS and ND4J's OpenMP loops) may use. Process-wide: it applies to every
 * training run and prediction in this JVM. The default is 1: on small shared machines one thread per run was faster
 * than two for the matrix sizes of these networks (threads spin while other work holds the cores).
 */
public final class NativeThreads {

    public static final int DEFAULT = 1;

    private static volatile int configured;

    private NativeThreads() {
    }

    /** Sets the thread count of OpenBLAS and ND4J. */
    public static synchronized void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        openblas_nolapack.blas_set_num_threads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        configured = threads;
    }

    /**
     * Applies {@link #DEFAULT} unless {@link #set} was called already; {@link Trainer}, {@link TwoLayerNet} and
     * {@link Predictor} call it, so that nothing runs with OpenBLAS's and ND4J's own default (every core) by accident.
     * On a loaded 2-core machine ND4J's small ops were about ten times slower with two OpenMP threads than with one.
     */
    public static void ensureConfigured() {
        if (configured == 0) {
            synchronized (NativeThreads.class) {
                if (configured == 0) {
                    set(DEFAULT);
                }
            }
        }
    }

    /** What {@link #set} last applied, or 0 when it was never called. */
    public static int configured() {
        return configured;
    }

    /** OpenBLAS's current thread count. */
    public static int blasThreads() {
        return openblas_nolapack.blas_get_num_threads();
    }
}
