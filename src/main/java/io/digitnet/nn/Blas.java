package io.digitnet.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Direct OpenBLAS calls on row-major float32 memory (the library ND4J itself links). Called straight through
 * JavaCPP: {@code Nd4j.gemm} costs 17-43 µs per call on top of the product, which is as much as some of the
 * products of one training iteration.
 */
final class Blas {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private Blas() {
    }

    /**
     * C ← alpha·op(A)·op(B) + beta·C with C [m, n] and op(A) [m, k], op(B) [k, n]; A, B and C row-major and
     * contiguous as stored (a transposed operand is passed as stored with its flag set, never as a transposed view).
     * With beta = 0, C is not read.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, FloatPointer a, FloatPointer b, float beta, FloatPointer c) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n);
    }

    /** y [n] ← x [m]·A for A [m, n] row-major (x·A as a row vector). */
    static void rowTimesMatrix(int m, int n, FloatPointer x, FloatPointer a, FloatPointer y) {
        openblas_nolapack.cblas_sgemv(ROW_MAJOR, TRANS, m, n, 1f, a, n, x, 1, 0f, y, 1);
    }

    /** A pointer to element {@code offset} of {@code base}. */
    static FloatPointer at(FloatPointer base, long offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }
}
