package io.digitnet.models;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * numpy's {@code .npz}: a zip of {@code .npy} arrays, readable by {@code numpy.load}.
 *
 * <p>CONTRACT (skeleton): the models implementation fills in the bodies.
 */
public final class Npz {

    private Npz() {
    }

    /** Writes each array as {@code <name>.npy} (little-endian, c-order, its own dtype: float32 → '<f4'). */
    public static void write(OutputStream out, Map<String, INDArray> arrays) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Reads every {@code .npy} entry (float32 or float64, c- or fortran-order) into c-order arrays of the same
     * dtype, keyed by name without {@code .npy}. @throws InvalidNpzException saying what is wrong
     */
    public static Map<String, INDArray> read(InputStream in) {
        throw new UnsupportedOperationException("skeleton");
    }
}
