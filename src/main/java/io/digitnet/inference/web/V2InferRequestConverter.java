package io.digitnet.inference.web;

import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads {@link V2InferRequest} with a streaming parser: tensor data goes straight into a float[] (flat or nested
 * arrays, as the protocol allows), and unknown fields are rejected by name. {@code parameters} objects are accepted;
 * of them only the request's {@code pixel_range} ("unit" or "byte") means something here.
 */
@Component
// declared here too, so that MVC test slices of other features, which pick up every converter bean, can build this one
@EnableConfigurationProperties(InferenceSettings.class)
class V2InferRequestConverter extends StreamingJsonReader<V2InferRequest> {

    private static final String EXAMPLE = "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\","
            + "\"data\":[...784 numbers...]}]}";

    V2InferRequestConverter(InferenceSettings settings) {
        super(V2InferRequest.class);
    }

    @Override
    V2InferRequest read(JsonParser p) {
        JsonInput.expectObjectBody(p, EXAMPLE);
        String id = null;
        List<V2InferRequest.Input> inputs = null;
        List<String> outputs = null;
        String pixelRange = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> id = JsonInput.string(p, "id");
                case "inputs" -> inputs = value == JsonToken.VALUE_NULL ? null : inputs(p);
                case "outputs" -> outputs = value == JsonToken.VALUE_NULL ? null : outputs(p);
                case "parameters" -> pixelRange = parameters(p, "parameters");
                default -> throw unknown(name, "id, inputs, outputs, parameters");
            }
        }
        JsonInput.expectEnd(p);
        return new V2InferRequest(id, inputs, outputs, pixelRange);
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
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = JsonInput.string(p, where + ".name");
                case "shape" -> shape = shape(p, where + ".shape");
                case "datatype" -> datatype = JsonInput.string(p, where + ".datatype");
                case "data" -> {
                    data = new JsonInput.FloatList(784);
                    JsonInput.flatFloats(p, "data", data);
                }
                case "parameters" -> parameters(p, where + ".parameters");
                default -> throw unknown(where + "." + field, "name, shape, datatype, data, parameters");
            }
        }
        return new V2InferRequest.Input(name, shape, datatype, data == null ? null : data.toArray());
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

    private static List<String> outputs(JsonParser p) {
        JsonInput.expectArray(p, "outputs", "an array of {\"name\": ...}");
        List<String> names = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String where = "outputs[" + names.size() + "]";
            expectObject(p, where);
            String name = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "name" -> name = JsonInput.string(p, where + ".name");
                    case "parameters" -> parameters(p, where + ".parameters");
                    default -> throw unknown(where + "." + field, "name, parameters");
                }
            }
            names.add(name);
        }
        return names;
    }

    /** @return the value of {@code pixel_range}, if present */
    private static String parameters(JsonParser p, String where) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expectObject(p, where);
        String pixelRange = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("pixel_range")) {
                pixelRange = JsonInput.string(p, where + ".pixel_range");
            } else {
                p.skipChildren();
            }
        }
        return pixelRange;
    }

    private static void expectObject(JsonParser p, String where) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidInputException(where + " must be an object, not " + JsonInput.describe(p.currentToken()));
        }
    }

    private static InvalidInputException unknown(String field, String known) {
        return new InvalidInputException("unknown field \"" + field + "\"; the fields are " + known);
    }
}
