package io.digitnet.models;

import io.digitnet.datasets.ClassNames;
import io.digitnet.npy.InvalidNpzException;
import io.digitnet.npy.ShapeCheck;

import io.digitnet.nn.Parameters;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the arrays of an .npz into the {@link Parameters} of a two-layer network, or says precisely why they are not:
 * W1 [784, H], b1 [H], W2 [H, C], b2 [C] with C classes ({@value ClassNames#MIN} to {@value ClassNames#MAX}: 10 for
 * MNIST, any count for an uploaded dataset), float32 or float64 (converted to float32), every value finite.
 * Biases stored as [1, H] (a row vector, as some notebooks keep them) are accepted and flattened.
 */
final class NetworkWeights {

    static final int INPUT_SIZE = 784;
    /** The most outputs a network may have: a dataset's most classes. */
    static final int MAX_OUTPUT_SIZE = ClassNames.MAX;

    private NetworkWeights() {
    }

    /**
     * The shapes an upload may declare, checked from each .npy header before its data is inflated: the four arrays
     * of a two-layer network with at most {@code maxHiddenSize} hidden units (a decompression bomb declaring a huge
     * array is refused before it costs memory or time). The full check is {@link #toParameters}.
     */
    static ShapeCheck shapeLimits(int maxHiddenSize) {
        return (name, shape) -> {
            long limit = switch (name) {
                case "W1" -> (long) INPUT_SIZE * maxHiddenSize;
                case "b1" -> maxHiddenSize;
                case "W2" -> (long) maxHiddenSize * MAX_OUTPUT_SIZE;
                case "b2" -> MAX_OUTPUT_SIZE;
                default -> throw new InvalidNpzException("the .npz has an unexpected array '" + name
                        + "'; a two-layer network has exactly " + Parameters.NAMES);
            };
            long elements = 1;
            try {
                for (long side : shape) {
                    elements = Math.multiplyExact(elements, Math.max(0, side));
                }
            } catch (ArithmeticException e) {
                elements = Long.MAX_VALUE;
            }
            if (shape.length > 2 || elements > limit) {
                throw new InvalidNpzException("array '" + name + "' declares shape " + Arrays.toString(shape)
                        + ", larger than a two-layer network with at most " + maxHiddenSize + " hidden units "
                        + "(digitnet.models.import-max-hidden-size) can have; it was not read");
            }
        };
    }

    /** @throws InvalidNpzException naming the array and what is wrong with it */
    static Parameters toParameters(Map<String, INDArray> arrays, int maxHiddenSize) {
        Set<String> missing = new TreeSet<>(Parameters.NAMES);
        missing.removeAll(arrays.keySet());
        if (!missing.isEmpty()) {
            throw new InvalidNpzException("the .npz lacks " + missing + "; a two-layer network needs exactly "
                    + Parameters.NAMES + " (found " + arrays.keySet() + ")");
        }
        Set<String> unexpected = new TreeSet<>(arrays.keySet());
        unexpected.removeAll(Parameters.NAMES);
        if (!unexpected.isEmpty()) {
            throw new InvalidNpzException("the .npz has unexpected arrays " + unexpected
                    + "; a two-layer network has exactly " + Parameters.NAMES);
        }
        INDArray w1 = matrix("W1", arrays.get("W1"));
        long hidden = w1.size(1);
        if (w1.size(0) != INPUT_SIZE) {
            throw shape("W1", w1, "[784, H]: the input is a 28x28 image");
        }
        if (hidden < 1 || hidden > maxHiddenSize) {
            throw shape("W1", w1, "[784, H] with 1 <= H <= " + maxHiddenSize);
        }
        INDArray b1 = vector("b1", arrays.get("b1"), hidden, "[" + hidden + "] (H from W1)");
        INDArray w2 = matrix("W2", arrays.get("W2"));
        long classes = w2.size(1);
        if (w2.size(0) != hidden || classes < ClassNames.MIN || classes > MAX_OUTPUT_SIZE) {
            throw shape("W2", w2, "[" + hidden + ", C] (H from W1, C classes, " + ClassNames.MIN + " to "
                    + MAX_OUTPUT_SIZE + ")");
        }
        INDArray b2 = vector("b2", arrays.get("b2"), classes, "[" + classes + "] (C from W2)");
        return Parameters.of(finite("W1", w1), finite("b1", b1), finite("W2", w2), finite("b2", b2));
    }

    private static INDArray matrix(String name, INDArray array) {
        requireFloat(name, array);
        if (array.rank() != 2) {
            throw shape(name, array, "a matrix (rank 2)");
        }
        return array;
    }

    private static INDArray vector(String name, INDArray array, long length, String expected) {
        requireFloat(name, array);
        boolean flat = array.rank() == 1 && array.length() == length;
        boolean row = array.rank() == 2 && array.size(0) == 1 && array.size(1) == length;
        if (!flat && !row) {
            throw shape(name, array, expected);
        }
        return array.reshape(new long[] {length}); // [1, H] → [H]; same order of values
    }

    private static void requireFloat(String name, INDArray array) {
        if (array.dataType() != DataType.FLOAT && array.dataType() != DataType.DOUBLE) {
            throw new InvalidNpzException("array '" + name + "' has dtype " + array.dataType()
                    + "; only float32 and float64 are accepted");
        }
    }

    /** Converts to float32 and checks every value, so that a float64 too large for float32 is caught as well. */
    private static INDArray finite(String name, INDArray array) {
        INDArray converted = array.castTo(DataType.FLOAT).dup('c');
        float[] values = converted.data().asFloat();
        for (int i = 0; i < converted.length(); i++) {
            if (!Float.isFinite(values[i])) {
                String at = converted.rank() == 2
                        ? "[" + i / converted.size(1) + ", " + i % converted.size(1) + "]" : "[" + i + "]";
                throw new InvalidNpzException("array '" + name + "' has a non-finite value (" + values[i] + ") at "
                        + at + (array.dataType() == DataType.DOUBLE ? " (after conversion to float32)" : ""));
            }
        }
        return converted;
    }

    private static InvalidNpzException shape(String name, INDArray array, String expected) {
        return new InvalidNpzException("array '" + name + "' has shape " + Arrays.toString(array.shape())
                + " but must be " + expected);
    }
}
