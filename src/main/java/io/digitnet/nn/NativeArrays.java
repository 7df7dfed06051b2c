package io.digitnet.nn;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Zero-copy access to the off-heap memory of float32 c-order INDArrays, for the hot loops and for direct BLAS
 * calls. A view's element 0 is the array's first element (view offsets included). Writes are visible both ways.
 *
 * <p>The buffers and pointers do not keep the array alive: ND4J frees an array's memory once the INDArray is
 * unreachable, so whoever holds a view must also hold the array (a field next to the view, or
 * {@link java.lang.ref.Reference#reachabilityFence} after the last native call).
 */
public final class NativeArrays {

    private NativeArrays() {
    }

    /** A direct, native-order buffer over the array's elements, index 0 = first element. */
    public static FloatBuffer floats(INDArray a) {
        FloatBuffer buffer = pointer(a).asBuffer();
        if (!buffer.isDirect() || buffer.order() != ByteOrder.nativeOrder()) {
            throw new IllegalStateException("expected a direct native-order buffer");
        }
        return buffer;
    }

    /** The address of the array's first element, for cblas calls (row-major). */
    public static FloatPointer pointer(INDArray a) {
        requireDenseFloat(a);
        // a fresh pointer object: ND4J's own one has capacity 0, so asBuffer() on it would be empty
        return new FloatPointer(a.data().addressPointer()).capacity(a.length());
    }

    /** Throws unless the array is float32, c-order and contiguous, the layout the fast paths assume. */
    public static void requireDenseFloat(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("need a contiguous c-order float32 array, got " + a.dataType()
                    + " '" + a.ordering() + "' stride " + a.elementWiseStride());
        }
    }

    /** The array itself when it is contiguous c-order float32, else a converted copy. */
    public static INDArray denseFloat(INDArray a) {
        if (a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.elementWiseStride() == 1) {
            return a;
        }
        return a.castTo(DataType.FLOAT).dup('c');
    }
}
