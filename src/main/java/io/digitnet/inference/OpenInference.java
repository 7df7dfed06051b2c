package io.digitnet.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import io.digitnet.models.ModelMetadata;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol (KServe / Triton V2) as digitnet's models speak it, shared by REST and gRPC: the
 * tensors' names and types, their checks, and the encodings of the extensions (raw little-endian tensors, top-k
 * classification strings). No HTTP and no protobuf here.
 */
public final class OpenInference {

    /** The one input: [N, 784] FP32. */
    public static final String INPUT = "pixels";
    /** The one output: [N, classes] FP32, softmax probabilities. */
    public static final String OUTPUT = "probabilities";
    public static final String FP32 = "FP32";
    /** The datatype of classification results: "score:index:label" strings. */
    public static final String BYTES = "BYTES";
    public static final String PLATFORM = "digitnet";
    /** Parameter of infer answers and model metadata: the dataset the model was trained on. */
    public static final String DATASET = "dataset";
    /**
     * Parameter of infer answers (the class of each image, in row order) and of the output's metadata (every class,
     * in output order). The protocol's parameters hold only strings, numbers and booleans, so the list is a JSON
     * array in a string: {@code "[\"Sneaker\",\"Trouser\"]"}.
     */
    public static final String CLASS_NAMES = "class_names";
    /** Extensions answered by server metadata: Triton's names. */
    public static final List<String> EXTENSIONS = List.of("binary_tensor_data", "classification");

    private OpenInference() {
    }

    /**
     * Checks one input tensor against the model's metadata, then every value.
     *
     * @param shape [N, 784]
     * @param data  [N × 784], row-major; scaled in place when {@code range} is BYTE
     */
    public static InputImages images(String name, String datatype, long[] shape, float[] data, PixelRange range,
                                     int maxBatch) {
        if (!INPUT.equals(name)) {
            throw new InvalidInputException("unknown input \"" + name + "\"; the model's input is \"" + INPUT + "\"");
        }
        if (!FP32.equals(datatype)) {
            throw new InvalidInputException("input \"" + INPUT + "\" must have datatype " + FP32 + ", not " + datatype);
        }
        if (shape == null || shape.length != 2 || shape[1] != InputImages.PIXELS || shape[0] < 0) {
            throw new InvalidInputException("input \"" + INPUT + "\" must have shape [N, " + InputImages.PIXELS
                    + "], not " + (shape == null ? "none" : Arrays.toString(shape)));
        }
        if (data == null) {
            throw new InvalidInputException("input \"" + INPUT + "\" has no data");
        }
        int rows = (int) Math.min(shape[0], Integer.MAX_VALUE);
        return InputImages.flat(data, rows, range == null ? PixelRange.UNIT : range, maxBatch);
    }

    /** @throws InvalidInputException when {@code name} is not an output of the model */
    public static void checkOutput(String name) {
        if (!OUTPUT.equals(name)) {
            throw new InvalidInputException("unknown output \"" + name + "\"; the model's only output is \"" + OUTPUT
                    + "\"");
        }
    }

    /** @throws InvalidInputException when {@code k} is not in [1, classes] */
    public static int checkClassification(long k, int classes) {
        if (k < 1 || k > classes) {
            throw new InvalidInputException("classification must be between 1 and " + classes + " (the model's "
                    + "classes), not " + k);
        }
        return (int) k;
    }

    /** An infer answer's parameters: the model's dataset (when known) and the class of each image. */
    public static Map<String, String> answerParameters(Prediction prediction) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (prediction.dataset() != null) {
            parameters.put(DATASET, prediction.dataset());
        }
        String[] classes = new String[prediction.rows()];
        for (int row = 0; row < classes.length; row++) {
            classes[row] = prediction.className(row);
        }
        parameters.put(CLASS_NAMES, jsonArray(List.of(classes)));
        return parameters;
    }

    /** A model's parameters in its metadata: its dataset, when known. */
    public static Map<String, String> modelParameters(ModelMetadata model) {
        return model.dataset() == null ? Map.of() : Map.of(DATASET, model.dataset());
    }

    /** The output's parameters in a model's metadata: the name of each class, in output order. */
    public static Map<String, String> outputParameters(ModelMetadata model, int classes) {
        String[] names = new String[classes];
        for (int k = 0; k < classes; k++) {
            names[k] = model.className(k);
        }
        return Map.of(CLASS_NAMES, jsonArray(List.of(names)));
    }

    /** {@code ["a","b"]}: class names are printable (no control characters), so quotes and backslashes suffice. */
    static String jsonArray(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\');
                }
                if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }

    /**
     * The top {@code k} classes of each image as "score:index:label", best first (the lower index first on ties),
     * labelled with the model's own class names (those of the dataset it was trained on).
     *
     * @return [rows × k], row-major
     */
    public static String[] classify(Prediction prediction, int k) {
        List<String> labels = prediction.classNames();
        int classes = prediction.classes();
        float[] p = prediction.probabilities();
        String[] top = new String[prediction.rows() * k];
        Integer[] order = new Integer[classes];
        for (int row = 0; row < prediction.rows(); row++) {
            int offset = row * classes;
            for (int c = 0; c < classes; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> Float.compare(p[offset + b], p[offset + a]));
            for (int j = 0; j < k; j++) {
                int c = order[j];
                top[row * k + j] = p[offset + c] + ":" + c + ":" + labels.get(c);
            }
        }
        return top;
    }

    /** An FP32 tensor sent as raw bytes: little-endian, row-major, no padding. */
    public static float[] littleEndianFloats(ByteBuffer raw, String where) {
        if (raw.remaining() % Float.BYTES != 0) {
            throw new InvalidInputException(where + " has " + raw.remaining() + " bytes, not a multiple of 4 (FP32)");
        }
        float[] values = new float[raw.remaining() / Float.BYTES];
        raw.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The raw form of an FP32 tensor. */
    public static byte[] littleEndianBytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** The raw form of a BYTES tensor: each element a 4-byte little-endian length, then its UTF-8 bytes. */
    public static byte[] lengthPrefixed(String[] values) {
        byte[][] encoded = new byte[values.length][];
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES + encoded[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] value : encoded) {
            buffer.putInt(value.length).put(value);
        }
        return buffer.array();
    }
}
