package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NativeArraysTests {

    @Test
    void viewsAreZeroCopyBothWays() {
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        FloatBuffer view = NativeArrays.floats(a);
        view.put(5, 42f);
        assertEquals(42f, a.getFloat(1, 1));
        a.putScalar(new long[]{2, 3}, 7f);
        assertEquals(7f, view.get(11));
        assertEquals(12, view.capacity());
    }

    @Test
    void aRowRangeViewStartsAtItsFirstRow() {
        INDArray a = Nd4j.arange(0, 20).castTo(DataType.FLOAT).reshape(5, 4);
        INDArray rows = a.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        FloatBuffer view = NativeArrays.floats(rows);
        assertEquals(8f, view.get(0));
        assertEquals(12, view.capacity());
        assertEquals(8f, NativeArrays.pointer(rows).get(0));
        assertEquals(9f, Blas.at(NativeArrays.pointer(a), 9).get(0));
    }

    @Test
    void otherLayoutsAreRejectedOrConverted() {
        INDArray f = Nd4j.create(DataType.FLOAT, new long[]{3, 4}, 'f');
        assertThrows(IllegalArgumentException.class, () -> NativeArrays.floats(f));
        assertThrows(IllegalArgumentException.class, () -> NativeArrays.floats(Nd4j.create(DataType.DOUBLE, 2, 2)));
        INDArray d = Nd4j.create(new double[][]{{1, 2}, {3, 4}});
        INDArray converted = NativeArrays.denseFloat(d.transpose());
        assertEquals(3f, NativeArrays.floats(converted).get(1));
    }
}
