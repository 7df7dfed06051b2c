package io.digitnet.models;

import io.digitnet.npy.InvalidNpzException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.nn.Parameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkWeightsTests {

    private static Map<String, INDArray> arrays(int hidden) {
        Map<String, INDArray> arrays = new LinkedHashMap<>(TestNetworks.parameters(hidden, 3).asMap());
        return arrays;
    }

    @Test
    void acceptsAnyHiddenSizeAndConvertsFloat64ToFloat32() {
        Map<String, INDArray> arrays = arrays(7);
        arrays.put("W2", arrays.get("W2").castTo(DataType.DOUBLE));

        Parameters parameters = NetworkWeights.toParameters(arrays, 4096);

        assertThat(parameters.hiddenSize()).isEqualTo(7);
        assertThat(parameters.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(parameters.w2().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(parameters.w2()).isEqualTo(arrays(7).get("W2"));
    }

    /** An uploaded dataset's model has as many outputs as the dataset has classes. */
    @Test
    void acceptsAnyClassCountOfADataset() {
        Map<String, INDArray> arrays = arrays(5);
        arrays.put("W2", Nd4j.rand(DataType.FLOAT, 5, 3));
        arrays.put("b2", Nd4j.zeros(DataType.FLOAT, 3));

        assertThat(NetworkWeights.toParameters(arrays, 4096).outputSize()).isEqualTo(3);
    }

    @Test
    void acceptsBiasesStoredAsRowVectors() {
        Map<String, INDArray> arrays = arrays(3);
        arrays.put("b1", arrays.get("b1").reshape(1, 3));

        assertThat(NetworkWeights.toParameters(arrays, 4096).b1().shape()).containsExactly(3);
    }

    @Test
    void namesMissingAndUnexpectedArrays() {
        Map<String, INDArray> arrays = arrays(3);
        arrays.remove("b2");
        assertThatThrownBy(() -> NetworkWeights.toParameters(arrays, 4096))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("lacks [b2]");

        Map<String, INDArray> extra = arrays(3);
        extra.put("W3", Nd4j.zeros(DataType.FLOAT, 2, 2));
        assertThatThrownBy(() -> NetworkWeights.toParameters(extra, 4096))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("unexpected arrays [W3]");
    }

    @Test
    void explainsInconsistentShapes() {
        assertShapeError("W1", Nd4j.zeros(DataType.FLOAT, 783, 3), "[783, 3]", "[784, H]");
        assertShapeError("W1", Nd4j.zeros(DataType.FLOAT, 784 * 3), "[2352]", "rank 2");
        assertShapeError("b1", Nd4j.zeros(DataType.FLOAT, 4), "[4]", "[3] (H from W1)");
        assertShapeError("W2", Nd4j.zeros(DataType.FLOAT, 3, 1), "[3, 1]", "[3, C]");
        assertShapeError("W2", Nd4j.zeros(DataType.FLOAT, 3, 101), "[3, 101]", "C classes, 2 to 100");
        assertShapeError("W2", Nd4j.zeros(DataType.FLOAT, 4, 10), "[4, 10]", "[3, C]");
        assertShapeError("b2", Nd4j.zeros(DataType.FLOAT, 10, 1), "[10, 1]", "[10]");
        assertShapeError("b2", Nd4j.zeros(DataType.FLOAT, 9), "[9]", "[10] (C from W2)");
    }

    private static void assertShapeError(String name, INDArray replacement, String actual, String expected) {
        Map<String, INDArray> arrays = arrays(3);
        arrays.put(name, replacement);
        assertThatThrownBy(() -> NetworkWeights.toParameters(arrays, 4096))
                .isInstanceOf(InvalidNpzException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining(actual).hasMessageContaining(expected);
    }

    @Test
    void limitsTheHiddenSize() {
        assertThatThrownBy(() -> NetworkWeights.toParameters(arrays(5), 4))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("H <= 4");
    }

    @Test
    void findsTheFirstNonFiniteValue() {
        Map<String, INDArray> arrays = arrays(3);
        arrays.get("W2").putScalar(new long[] {1, 4}, Float.NaN);
        assertThatThrownBy(() -> NetworkWeights.toParameters(arrays, 4096))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("'W2'").hasMessageContaining("NaN")
                .hasMessageContaining("[1, 4]");

        Map<String, INDArray> tooLarge = arrays(3);
        INDArray b2 = tooLarge.get("b2").castTo(DataType.DOUBLE);
        b2.putScalar(9, 1e300); // finite in float64, infinite in float32
        tooLarge.put("b2", b2);
        assertThatThrownBy(() -> NetworkWeights.toParameters(tooLarge, 4096))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("'b2'").hasMessageContaining("[9]")
                .hasMessageContaining("float32");
    }

    @Test
    void rejectsIntegerArrays() {
        Map<String, INDArray> arrays = arrays(3);
        arrays.put("b2", Nd4j.zeros(DataType.INT, 10));
        assertThatThrownBy(() -> NetworkWeights.toParameters(arrays, 4096))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("'b2'").hasMessageContaining("dtype");
    }
}
