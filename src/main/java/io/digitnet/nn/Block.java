package io.digitnet.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A preallocated float32 matrix [rows, cols], c-order, seen three ways: the INDArray that owns the memory (for ND4J
 * ops), a pointer (for BLAS) and a buffer (for the Java loops). Holding the block keeps the memory alive.
 */
final class Block {

    final int rows;
    final int cols;
    final INDArray array;
    final FloatPointer pointer;
    final FloatBuffer view;

    Block(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.array = Nd4j.create(DataType.FLOAT, rows, cols);
        this.pointer = NativeArrays.pointer(array);
        this.view = NativeArrays.floats(array);
    }

    /** The first n rows as an INDArray: the array itself when n is all of them, else a view. */
    INDArray firstRows(int n) {
        return n == rows ? array : array.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }
}
