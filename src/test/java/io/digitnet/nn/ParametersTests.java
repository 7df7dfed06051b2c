package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParametersTests {

    @Test
    void initializationIsSeededAndBitwiseReproducible() {
        Parameters a = Parameters.initialize(784, 50, 10, WeightInit.STD, 1234, DataType.FLOAT);
        Parameters b = Parameters.initialize(784, 50, 10, WeightInit.STD, 1234, DataType.FLOAT);
        Parameters c = Parameters.initialize(784, 50, 10, WeightInit.STD, 1235, DataType.FLOAT);

        assertTrue(Arrays.equals(a.w1().data().asFloat(), b.w1().data().asFloat()));
        assertTrue(Arrays.equals(a.w2().data().asFloat(), b.w2().data().asFloat()));
        assertNotEquals(a.w1(), c.w1());
    }

    @Test
    void standardDeviationsFollowTheInitScheme() {
        assertStd(Parameters.initialize(784, 100, 10, WeightInit.STD, 1, DataType.DOUBLE), 0.01, 0.01);
        assertStd(Parameters.initialize(784, 100, 10, WeightInit.XAVIER, 1, DataType.DOUBLE),
                Math.sqrt(1.0 / 784), Math.sqrt(1.0 / 100));
        assertStd(Parameters.initialize(784, 100, 10, WeightInit.HE, 1, DataType.DOUBLE),
                Math.sqrt(2.0 / 784), Math.sqrt(2.0 / 100));
    }

    private static void assertStd(Parameters p, double std1, double std2) {
        assertEquals(std1, p.w1().stdNumber().doubleValue(), std1 * 0.02);
        assertEquals(0.0, p.w1().meanNumber().doubleValue(), std1 * 0.02);
        assertEquals(std2, p.w2().stdNumber().doubleValue(), std2 * 0.1);
        assertEquals(0.0, p.b1().sumNumber().doubleValue());
        assertEquals(0.0, p.b2().sumNumber().doubleValue());
        assertEquals(0.0, p.b1().norm2Number().doubleValue());
    }

    @Test
    void float32IsTheFloat64DrawRounded() {
        Parameters f = Parameters.initialize(20, 5, 3, WeightInit.HE, 9, DataType.FLOAT);
        Parameters d = Parameters.initialize(20, 5, 3, WeightInit.HE, 9, DataType.DOUBLE);
        assertEquals(f.w1(), d.w1().castTo(DataType.FLOAT));
    }

    @Test
    void ofKeepsTheArraysAndChecksShapes() {
        INDArray w1 = Nd4j.zeros(DataType.FLOAT, 4, 3);
        INDArray b1 = Nd4j.zeros(DataType.FLOAT, 3);
        INDArray w2 = Nd4j.zeros(DataType.FLOAT, 3, 2);
        INDArray b2 = Nd4j.zeros(DataType.FLOAT, 2);
        Parameters p = Parameters.of(w1, b1, w2, b2);
        assertSame(w1, p.w1());
        assertEquals(4, p.inputSize());
        assertEquals(3, p.hiddenSize());
        assertEquals(2, p.outputSize());
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, p.size());

        // [1, n] biases are viewed as rank 1
        Parameters rows = Parameters.of(w1, Nd4j.zeros(DataType.FLOAT, 1, 3), w2, Nd4j.zeros(DataType.FLOAT, 1, 2));
        assertEquals(1, rows.b1().rank());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(w1, Nd4j.zeros(DataType.FLOAT, 4), w2, b2));
        assertTrue(e.getMessage().contains("b1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(w1, b1, Nd4j.zeros(DataType.FLOAT, 5, 2), b2));
        assertTrue(e.getMessage().contains("W2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(w1, b1, w2, Nd4j.zeros(DataType.DOUBLE, 2)));
        assertTrue(e.getMessage().contains("b2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(Nd4j.zeros(DataType.FLOAT, 4), b1, w2, b2));
        assertTrue(e.getMessage().contains("W1"), e.getMessage());
    }

    @Test
    void copyIsDeepAndConverts() {
        Parameters p = Parameters.initialize(4, 3, 2, WeightInit.HE, 1, DataType.FLOAT);
        Parameters copy = p.copy(DataType.FLOAT);
        Parameters wide = p.copy(DataType.DOUBLE);
        p.w1().addi(1);
        p.b2().addi(1);

        assertNotEquals(p.w1(), copy.w1());
        assertEquals(0.0, copy.b2().sumNumber().doubleValue());
        assertEquals(DataType.DOUBLE, wide.dataType());
        assertEquals(copy.w1().castTo(DataType.DOUBLE), wide.w1());
        assertEquals('c', copy.w1().ordering());
    }
}
