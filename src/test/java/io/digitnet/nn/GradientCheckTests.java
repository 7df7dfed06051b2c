package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Backpropagation through the whole net against central differences, float64, on a 5-4-3 net. */
class GradientCheckTests {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backpropagationAgreesWithNumericalGradientsOnEveryParameter(Activation activation) {
        Parameters parameters = Parameters.initialize(5, 4, 3, WeightInit.HE, 7, DataType.DOUBLE);
        // non-zero biases, so that their gradients are exercised away from the symmetric start
        parameters.b1().assign(org.nd4j.linalg.factory.Nd4j.create(new double[]{0.1, -0.2, 0.3, 0.05}));
        parameters.b2().assign(org.nd4j.linalg.factory.Nd4j.create(new double[]{-0.1, 0.2, 0.0}));
        TwoLayerNet net = new TwoLayerNet(parameters, activation);
        LabeledData batch = SyntheticData.uniform64(8, 5, 3, 11);

        double error = GradientCheck.maxRelativeError(net, batch);

        assertTrue(error < 1e-6, "max relative error " + error);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theNotebooksNumericalGradientAgreesAndAWrongGradientIsCaught(Activation activation) {
        // the notebook's std init keeps every probability near 1/3, where the 1e−7 in its loss is negligible
        Parameters parameters = Parameters.initialize(5, 4, 3, WeightInit.STD, 7, DataType.DOUBLE);
        TwoLayerNet net = new TwoLayerNet(parameters, activation);
        LabeledData batch = SyntheticData.uniform64(8, 5, 3, 11);
        INDArray backprop = net.gradients(batch.x(), batch.labels()).w2();
        INDArray numerical = NumericalGradient.of(net, batch.x(), batch.labels()).w2();

        assertTrue(GradientCheck.maxRelativeError(numerical, backprop) < 1e-6);
        assertTrue(GradientCheck.maxRelativeError(numerical, backprop.mul(1.01)) > 1e-3);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void checkingAFloat32NetLeavesItUnchanged(Activation activation) {
        Parameters parameters = Parameters.initialize(5, 4, 3, WeightInit.HE, 3, DataType.FLOAT);
        Parameters before = parameters.copy(DataType.FLOAT);
        TwoLayerNet net = new TwoLayerNet(parameters, activation);
        LabeledData batch = SyntheticData.uniform64(6, 5, 3, 5);

        assertTrue(GradientCheck.maxRelativeError(net, new LabeledData(batch.x().castTo(DataType.FLOAT), batch.labels())) < 1e-6);
        assertEquals(before.w1(), parameters.w1());
        assertEquals(DataType.FLOAT, parameters.dataType());
    }
}
