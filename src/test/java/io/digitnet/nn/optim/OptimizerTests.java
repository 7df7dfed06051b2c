package io.digitnet.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.Parameters;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTests {

    /** A 1-1-1 net: every array holds one value, so updates can be followed by hand. */
    private static Parameters single(float value) {
        return Parameters.of(Nd4j.create(new float[]{value}, 1, 1), Nd4j.create(new float[]{value}),
                Nd4j.create(new float[]{value}, 1, 1), Nd4j.create(new float[]{value}));
    }

    private static float w1(Parameters p) {
        return p.w1().getFloat(0);
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        Parameters p = single(1f);
        Optimizer sgd = Optimizer.create(OptimizerType.SGD, 0.1);
        sgd.update(p, single(2f));
        assertEquals(0.8f, w1(p), 1e-7f);
        assertEquals(0.8f, p.b2().getFloat(0), 1e-7f);
        assertEquals(1, sgd.step());
        assertTrue(sgd.state().isEmpty());
    }

    @Test
    void momentumAccumulatesVelocity() {
        Parameters p = single(1f);
        Optimizer momentum = Optimizer.create(OptimizerType.MOMENTUM, 0.1);
        momentum.update(p, single(2f)); // v = −0.2, w = 0.8
        momentum.update(p, single(2f)); // v = 0.9·(−0.2) − 0.2 = −0.38, w = 0.42
        assertEquals(0.42f, w1(p), 1e-6f);
        assertEquals(-0.38f, momentum.state().get("v.W1").getFloat(0), 1e-6f);
        assertEquals(Map.of(), Optimizer.create(OptimizerType.MOMENTUM, 0.1).state());
        assertEquals(4, momentum.state().size());
    }

    @Test
    void adamFollowsTheNotebooksUpdate() {
        Parameters p = single(1f);
        Optimizer adam = Optimizer.create(OptimizerType.ADAM, 0.01);
        adam.update(p, single(0.5f));
        // t = 1: lr_t = 0.01·√0.001 / 0.1; m = 0.05; v = 0.00025; w −= lr_t·m / (√v + 1e−7)
        double lrT = 0.01 * Math.sqrt(1 - 0.999) / (1 - 0.9);
        double expected = 1 - lrT * 0.05 / (Math.sqrt(0.00025) + 1e-7);
        assertEquals(expected, w1(p), 1e-6);
        assertEquals(0.05f, adam.state().get("m.W1").getFloat(0), 1e-7f);
        assertEquals(0.00025f, adam.state().get("v.W1").getFloat(0), 1e-8f);
        assertEquals(1, adam.step());
        assertEquals(8, adam.state().size());
    }

    @Test
    void restoredStateContinuesExactly() {
        for (OptimizerType type : OptimizerType.values()) {
            Parameters original = Parameters.initialize(6, 4, 3, io.digitnet.nn.WeightInit.HE, 1, DataType.FLOAT);
            Optimizer first = Optimizer.create(type, 0.05);
            for (int i = 0; i < 3; i++) {
                first.update(original, gradient(i));
            }
            Map<String, INDArray> saved = first.state();
            Parameters resumed = original.copy(DataType.FLOAT);
            Optimizer second = Optimizer.create(type, 0.05);
            second.restore(saved, first.step());

            first.update(original, gradient(3));
            second.update(resumed, gradient(3));

            assertTrue(Arrays.equals(original.w1().data().asFloat(), resumed.w1().data().asFloat()), type.name());
            assertTrue(Arrays.equals(original.b2().data().asFloat(), resumed.b2().data().asFloat()), type.name());
            assertEquals(first.step(), second.step());
        }
    }

    @Test
    void exportedStateIsACopy() {
        Parameters p = single(1f);
        Optimizer momentum = Optimizer.create(OptimizerType.MOMENTUM, 0.1);
        momentum.update(p, single(2f));
        INDArray exported = momentum.state().get("v.W1");
        momentum.update(p, single(2f));
        assertEquals(-0.2f, exported.getFloat(0), 1e-7f);
    }

    @Test
    void incompleteStateIsRejected() {
        Optimizer adam = Optimizer.create(OptimizerType.ADAM, 0.1);
        assertThrows(IllegalArgumentException.class,
                () -> adam.restore(Map.of("m.W1", Nd4j.zeros(DataType.FLOAT, 1, 1)), 1));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.create(OptimizerType.SGD, 0));
        assertEquals(OptimizerType.ADAM, OptimizerType.ADAM.create(0.1).rule());
    }

    private static Parameters gradient(int i) {
        Parameters g = Parameters.initialize(6, 4, 3, io.digitnet.nn.WeightInit.XAVIER, 100 + i, DataType.FLOAT);
        g.b1().assign(0.1 * (i + 1));
        g.b2().assign(-0.05 * (i + 1));
        return g;
    }

    @Test
    void stateArraysAreShapedLikeTheParameters() {
        Parameters p = Parameters.initialize(6, 4, 3, io.digitnet.nn.WeightInit.HE, 1, DataType.FLOAT);
        Optimizer adam = Optimizer.create(OptimizerType.ADAM, 0.1);
        adam.update(p, gradient(0));
        assertArrayEquals(new long[]{6, 4}, adam.state().get("v.W1").shape());
        assertArrayEquals(new long[]{3}, adam.state().get("m.b2").shape());
    }
}
