package io.digitnet.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of a {@link TwoLayerNet}: W1 [inputSize, hiddenSize], b1 [hiddenSize], W2 [hiddenSize, outputSize],
 * b2 [outputSize]; all c-order, all of one data type (float32 for training and serving, float64 for gradient checks).
 * Biases are rank-1 arrays, as numpy stores them.
 *
 * <p>Holds the arrays themselves, not copies: the trainer updates them in place.
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
        requireMatrix("W1", w1);
        requireMatrix("W2", w2);
        INDArray b1Vector = asVector("b1", b1);
        INDArray b2Vector = asVector("b2", b2);
        if (b1Vector.length() != w1.size(1)) {
            throw new IllegalArgumentException("b1 has " + b1Vector.length() + " entries, W1 has " + w1.size(1) + " columns");
        }
        if (w2.size(0) != w1.size(1)) {
            throw new IllegalArgumentException("W2 has " + w2.size(0) + " rows, W1 has " + w1.size(1) + " columns");
        }
        if (b2Vector.length() != w2.size(1)) {
            throw new IllegalArgumentException("b2 has " + b2Vector.length() + " entries, W2 has " + w2.size(1) + " columns");
        }
        for (Map.Entry<String, INDArray> e : Map.of("b1", b1Vector, "W2", w2, "b2", b2Vector).entrySet()) {
            if (e.getValue().dataType() != w1.dataType()) {
                throw new IllegalArgumentException(e.getKey() + " is " + e.getValue().dataType() + " but W1 is " + w1.dataType());
            }
        }
        return new Parameters(w1, b1Vector, w2, b2Vector);
    }

    private static void requireMatrix(String name, INDArray a) {
        if (a == null || a.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix, got " + describe(a));
        }
        requireContiguous(name, a);
    }

    /** Rank-1 as numpy stores biases; a [1, n] row is accepted and viewed as rank 1 (no copy). */
    private static INDArray asVector(String name, INDArray a) {
        if (a != null && a.rank() == 2 && a.size(0) == 1) {
            requireContiguous(name, a);
            return a.reshape(a.size(1));
        }
        if (a == null || a.rank() != 1) {
            throw new IllegalArgumentException(name + " must be a vector, got " + describe(a));
        }
        requireContiguous(name, a);
        return a;
    }

    // The fast paths hand these arrays' memory to BLAS as row-major blocks.
    private static void requireContiguous(String name, INDArray a) {
        if (a.ordering() != 'c' || a.elementWiseStride() != 1) {
            throw new IllegalArgumentException(name + " must be a contiguous c-order array");
        }
        if (!a.dataType().isFPType()) {
            throw new IllegalArgumentException(name + " must hold floating-point values, got " + a.dataType());
        }
    }

    private static String describe(INDArray a) {
        return a == null ? "null" : "shape " + java.util.Arrays.toString(a.shape());
    }

    /** Draws fresh weights with a seeded generator; same arguments give bitwise-identical arrays. */
    public static Parameters initialize(int inputSize, int hiddenSize, int outputSize, WeightInit init, long seed,
                                        DataType dataType) {
        if (inputSize < 1 || hiddenSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inputSize + ", " + hiddenSize + ", " + outputSize);
        }
        // java.util.Random's Gaussians are specified exactly (StrictMath), so weights do not depend on the
        // machine, the ND4J version or its thread count. W1 is drawn before W2 from one stream.
        Random random = new Random(seed);
        INDArray w1 = gaussian(random, inputSize, hiddenSize, init.standardDeviation(inputSize), dataType);
        INDArray w2 = gaussian(random, hiddenSize, outputSize, init.standardDeviation(hiddenSize), dataType);
        return new Parameters(w1, Nd4j.zeros(dataType, hiddenSize), w2, Nd4j.zeros(dataType, outputSize));
    }

    /** All-zero arrays of the given sizes (buffers for gradients). */
    public static Parameters zeros(int inputSize, int hiddenSize, int outputSize, DataType dataType) {
        return new Parameters(Nd4j.zeros(dataType, inputSize, hiddenSize), Nd4j.zeros(dataType, hiddenSize),
                Nd4j.zeros(dataType, hiddenSize, outputSize), Nd4j.zeros(dataType, outputSize));
    }

    private static INDArray gaussian(Random random, int rows, int cols, double std, DataType dataType) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * std;
        }
        return Nd4j.create(values, new long[]{rows, cols}, DataType.DOUBLE).castTo(dataType);
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
        return new Parameters(copyOf(w1, dataType), copyOf(b1, dataType), copyOf(w2, dataType), copyOf(b2, dataType));
    }

    private static INDArray copyOf(INDArray a, DataType dataType) {
        // castTo returns the same array when the type already matches, hence the dup
        return a.dataType() == dataType ? a.dup('c') : a.castTo(dataType).dup('c');
    }

    /** Overwrites these arrays with the values of {@code source} (same shapes; converted to this data type). */
    public void assign(Parameters source) {
        w1.assign(source.w1);
        b1.assign(source.b1);
        w2.assign(source.w2);
        b2.assign(source.b2);
    }

    /** The number of weights and biases. */
    public long size() {
        return w1.length() + b1.length() + w2.length() + b2.length();
    }
}
