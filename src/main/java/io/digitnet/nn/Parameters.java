package io.digitnet.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of a {@link TwoLayerNet}: W1 [inputSize, hiddenSize], b1 [hiddenSize], W2 [hiddenSize, outputSize],
 * b2 [outputSize]; all c-order, all of one data type (float32 for training and serving, float64 for gradient checks).
 * Biases are rank-1 arrays, as numpy stores them.
 *
 * <p>CONTRACT (skeleton): the nn implementation fills in the bodies; the signatures are relied on by other packages.
 */
public final class Parameters {

    public static final List<String> NAMES = List.of("W1", "b1", "W2", "b2");

    private final INDArray w1;
    private final INDArray b1;
    private final INDArray w2;
    private final INDArray b2;

    private Parameters(INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    /** Wraps the arrays (no copy) after checking shapes agree; throws IllegalArgumentException naming the array. */
    public static Parameters of(INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Draws fresh weights with a seeded generator; same arguments give bitwise-identical arrays. */
    public static Parameters initialize(int inputSize, int hiddenSize, int outputSize, WeightInit init, long seed,
                                        DataType dataType) {
        throw new UnsupportedOperationException("skeleton");
    }

    public INDArray w1() { return w1; }

    public INDArray b1() { return b1; }

    public INDArray w2() { return w2; }

    public INDArray b2() { return b2; }

    public int inputSize() { return (int) w1.size(0); }

    public int hiddenSize() { return (int) w1.size(1); }

    public int outputSize() { return (int) w2.size(1); }

    public DataType dataType() { return w1.dataType(); }

    /** W1, b1, W2, b2 in this order. */
    public Map<String, INDArray> asMap() {
        Map<String, INDArray> map = new LinkedHashMap<>();
        map.put("W1", w1);
        map.put("b1", b1);
        map.put("W2", w2);
        map.put("b2", b2);
        return map;
    }

    /** A deep copy in the given data type. */
    public Parameters copy(DataType dataType) {
        throw new UnsupportedOperationException("skeleton");
    }
}
