package io.digitnet.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J's native backend and runs one matrix product. The first call unpacks ~400 MB of native libraries into
 * JavaCPP's cache and takes seconds; the service does it before it reports ready, the Docker image at build time.
 */
public final class NativeWarmUp {

    private NativeWarmUp() {
    }

    /** @return the milliseconds it took */
    public static long run() {
        long start = System.nanoTime();
        INDArray a = Nd4j.rand(DataType.FLOAT, 64, 64);
        INDArray product = a.mmul(a);
        if (!Double.isFinite(product.sumNumber().doubleValue())) {
            throw new IllegalStateException("ND4J warm-up produced a non-finite result");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    public static void main(String[] args) {
        BlasKernels.select();
        System.out.println("ND4J ready in " + run() + " ms (" + Nd4j.getBackend().getClass().getSimpleName()
                + ", OpenBLAS kernels " + BlasKernels.active() + ")");
    }
}
