package io.digitnet.inference.web;

import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.OpenInference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads {@link V2InferRequest} with a streaming parser: tensor data goes straight into a float[] (flat or nested
 * arrays, as the protocol allows). Fields and parameters the protocol does not define are skipped at every level, as
 * the protocol's clients expect (the KServe SDK adds {@code model_name}, Triton's client {@code parameters}).
 *
 * <p>The body is JSON whatever its {@code Content-Type} says (Triton's client sends none), unless
 * {@code Inference-Header-Content-Length} is present: then that many bytes of JSON are followed by the binary tensors
 * of the inputs that declare {@code binary_data_size}, in order (Triton's binary tensor data extension).
 */
@Component
// declared here too, so that MVC test slices of other features, which pick up every converter bean, can build this one
@EnableConfigurationProperties(InferenceSettings.class)
class V2InferRequestConverter extends StreamingJsonReader<V2InferRequest> {

    static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    private static final String EXAMPLE = "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\","
            + "\"data\":[...784 numbers...]}]}";
    private static final Set<String> REQUEST_PARAMETERS = Set.of("pixel_range", "binary_data_output");
    private static final Set<String> INPUT_PARAMETERS = Set.of("binary_data_size");
    private static final Set<String> OUTPUT_PARAMETERS = Set.of("binary_data", "classification");

    private final long maxBytes;

    V2InferRequestConverter(InferenceSettings settings) {
        super(V2InferRequest.class, MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_OCTET_STREAM);
        this.maxBytes = settings.maxRequestSize().toBytes();
    }

    @Override
    protected V2InferRequest readInternal(Class<? extends V2InferRequest> candidate, HttpInputMessage input)
            throws IOException {
        String header = input.getHeaders().getFirst(HEADER_LENGTH);
        if (header == null) {
            return super.readInternal(candidate, input);
        }
        long headerLength = headerLength(header);
        InputStream body = input.getBody(); // its size is limited before (see PredictionEndpoints)
        byte[] json = body.readNBytes((int) headerLength);
        if (json.length < headerLength) {
            throw new InvalidInputException("the body ends after " + json.length + " bytes, within the "
                    + headerLength + " bytes of JSON that " + HEADER_LENGTH + " announces");
        }
        V2InferRequest request;
        try (JsonParser p = JsonInput.parser(json)) {
            request = read(p);
        } catch (JacksonException e) {
            throw JsonInput.malformed(e);
        }
        return withBinaryTensors(request, body);
    }

    private long headerLength(String header) {
        long length;
        try {
            length = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(HEADER_LENGTH + " must be a number of bytes, not \"" + header + "\"");
        }
        if (length < 0 || length > maxBytes) {
            throw new InvalidInputException(HEADER_LENGTH + " is " + length + "; it must be between 0 and "
                    + maxBytes + " (digitnet.inference.max-request-size)");
        }
        return length;
    }

    /** Reads each binary tensor, in the order of the inputs, and checks that nothing else follows. */
    private V2InferRequest withBinaryTensors(V2InferRequest request, InputStream body) throws IOException {
        if (request.inputs() == null) {
            return request;
        }
        List<V2InferRequest.Input> inputs = new ArrayList<>(request.inputs().size());
        for (int i = 0; i < request.inputs().size(); i++) {
            V2InferRequest.Input in = request.inputs().get(i);
            if (in.binaryDataSize() < 0) {
                inputs.add(in);
                continue;
            }
            String where = "inputs[" + i + "] (binary_data_size " + in.binaryDataSize() + ")";
            if (in.binaryDataSize() > maxBytes) {
                throw new InvalidInputException(where + " is larger than the largest body, " + maxBytes
                        + " bytes (digitnet.inference.max-request-size)");
            }
            byte[] raw = body.readNBytes((int) in.binaryDataSize());
            if (raw.length < in.binaryDataSize()) {
                throw new InvalidInputException(where + ": the body ends after " + raw.length
                        + " bytes of this tensor");
            }
            inputs.add(in.withData(OpenInference.littleEndianFloats(ByteBuffer.wrap(raw), where)));
        }
        if (body.read() >= 0) {
            throw new InvalidInputException("the body is longer than " + HEADER_LENGTH
                    + " plus the inputs' binary_data_size");
        }
        return new V2InferRequest(request.id(), inputs, request.outputs(), request.pixelRange(),
                request.binaryDataOutput());
    }

    @Override
    V2InferRequest read(JsonParser p) {
        JsonInput.expectObjectBody(p, EXAMPLE);
        String id = null;
        List<V2InferRequest.Input> inputs = null;
        List<V2InferRequest.Output> outputs = null;
        Map<String, Object> parameters = Map.of();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> id = JsonInput.string(p, "id");
                case "inputs" -> inputs = value == JsonToken.VALUE_NULL ? null : inputs(p);
                case "outputs" -> outputs = value == JsonToken.VALUE_NULL ? null : outputs(p);
                case "parameters" -> parameters = parameters(p, "parameters", REQUEST_PARAMETERS);
                default -> p.skipChildren(); // model_name (KServe SDK) and anything else the protocol leaves open
            }
        }
        JsonInput.expectEnd(p);
        return new V2InferRequest(id, inputs, outputs, (String) parameters.get("pixel_range"),
                Boolean.TRUE.equals(parameters.get("binary_data_output")));
    }

    private List<V2InferRequest.Input> inputs(JsonParser p) {
        JsonInput.expectArray(p, "inputs", "an array of tensors");
        List<V2InferRequest.Input> inputs = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            inputs.add(input(p, "inputs[" + inputs.size() + "]"));
        }
        return inputs;
    }

    private V2InferRequest.Input input(JsonParser p, String where) {
        expectObject(p, where);
        String name = null;
        long[] shape = null;
        String datatype = null;
        JsonInput.FloatList data = null;
        Map<String, Object> parameters = Map.of();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = JsonInput.string(p, where + ".name");
                case "shape" -> shape = shape(p, where + ".shape");
                case "datatype" -> datatype = JsonInput.string(p, where + ".datatype");
                case "data" -> {
                    data = new JsonInput.FloatList(784);
                    JsonInput.flatFloats(p, where + ".data", data);
                }
                case "parameters" -> parameters = parameters(p, where + ".parameters", INPUT_PARAMETERS);
                default -> p.skipChildren();
            }
        }
        Long binarySize = (Long) parameters.get("binary_data_size");
        if (binarySize != null && data != null) {
            throw new InvalidInputException(where + " has both data and parameters.binary_data_size; send one");
        }
        return new V2InferRequest.Input(name, shape, datatype, data == null ? null : data.toArray(),
                binarySize == null ? -1 : binarySize);
    }

    private static long[] shape(JsonParser p, String where) {
        JsonInput.expectArray(p, where, "an array of integers");
        List<Long> dims = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw new InvalidInputException(where + "[" + dims.size() + "] must be an integer, not "
                        + JsonInput.describe(t));
            }
            dims.add(p.getLongValue());
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<V2InferRequest.Output> outputs(JsonParser p) {
        JsonInput.expectArray(p, "outputs", "an array of {\"name\": ...}");
        List<V2InferRequest.Output> outputs = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String where = "outputs[" + outputs.size() + "]";
            expectObject(p, where);
            String name = null;
            Map<String, Object> parameters = Map.of();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "name" -> name = JsonInput.string(p, where + ".name");
                    case "parameters" -> parameters = parameters(p, where + ".parameters", OUTPUT_PARAMETERS);
                    default -> p.skipChildren();
                }
            }
            outputs.add(new V2InferRequest.Output(name, (Boolean) parameters.get("binary_data"),
                    (Long) parameters.get("classification")));
        }
        return outputs;
    }

    /**
     * The parameters this server understands, type-checked: {@code pixel_range} is a string, {@code binary_data*}
     * booleans, {@code binary_data_size} and {@code classification} integers. Others are skipped.
     */
    private static Map<String, Object> parameters(JsonParser p, String where, Set<String> known) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        expectObject(p, where);
        Map<String, Object> values = new HashMap<>(4);
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (!known.contains(field) || t == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            String name = where + "." + field;
            switch (field) {
                case "pixel_range" -> values.put(field, JsonInput.string(p, name));
                case "binary_data_output", "binary_data" -> {
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw new InvalidInputException(name + " must be true or false, not " + JsonInput.describe(t));
                    }
                    values.put(field, t == JsonToken.VALUE_TRUE);
                }
                default -> {
                    if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                        throw new InvalidInputException(name + " must be a non-negative integer, not "
                                + (t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : JsonInput.describe(t)));
                    }
                    values.put(field, p.getLongValue());
                }
            }
        }
        return values;
    }

    private static void expectObject(JsonParser p, String where) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidInputException(where + " must be an object, not " + JsonInput.describe(p.currentToken()));
        }
    }
}
