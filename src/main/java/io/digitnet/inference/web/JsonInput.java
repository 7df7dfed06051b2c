package io.digitnet.inference.web;

import io.digitnet.inference.InvalidInputException;
import java.io.InputStream;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Streaming JSON reading for the hot path: numbers go straight into {@code float[]} (no boxed lists, no tree), and
 * every error names the field and index it is about.
 */
final class JsonInput {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private JsonInput() {
    }

    /**
     * A parser over {@code body}. Its size is limited before it gets here, once for every endpoint: by the web
     * layer's body-size filter, with the limit that {@link PredictionEndpoints} declares.
     */
    static JsonParser parser(InputStream body) {
        return JSON.createParser(ObjectReadContext.empty(), body);
    }

    /** A parser over a body already in memory. */
    static JsonParser parser(byte[] body) {
        return JSON.createParser(ObjectReadContext.empty(), body);
    }

    /** Turns Jackson's syntax errors into a 400 that says where the JSON broke. */
    static InvalidInputException malformed(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InvalidInputException("malformed JSON" + where + ": " + e.getOriginalMessage());
    }

    /** The next token, which must start the object that is the whole body. */
    static void expectObjectBody(JsonParser p, String example) {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidInputException("the request body is empty; send a JSON object like " + example);
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidInputException("the request body must be a JSON object like " + example + ", not "
                    + describe(first));
        }
    }

    /** After the body's object: nothing but whitespace may follow. */
    static void expectEnd(JsonParser p) {
        if (p.nextToken() != null) {
            throw new InvalidInputException("unexpected content after the JSON object");
        }
    }

    /**
     * Reads the array that starts at the current token into a float[] of exactly its length.
     *
     * @param name how errors call this array, e.g. {@code instances[3]}
     */
    static float[] floats(JsonParser p, String name) {
        expectArray(p, name, "an array of numbers");
        FloatList values = new FloatList(784);
        readNumbers(p, name, values, false);
        return values.toArray();
    }

    /**
     * Reads numbers of the array that starts at the current token into {@code sink}, flattening nested arrays in
     * row-major order (the V2 protocol allows both).
     */
    static void flatFloats(JsonParser p, String name, FloatList sink) {
        expectArray(p, name, "an array of numbers");
        readNumbers(p, name, sink, true);
    }

    static String string(JsonParser p, String name) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(name + " must be a string, not " + describe(t));
        }
        return p.getString();
    }

    static void expectArray(JsonParser p, String name, String what) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_ARRAY) {
            throw new InvalidInputException(name + " must be " + what + ", not " + describe(t));
        }
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }

    private static void readNumbers(JsonParser p, String name, FloatList sink, boolean nested) {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                sink.add(p.getFloatValue());
            } else if (nested && t == JsonToken.START_ARRAY) {
                readNumbers(p, name + "[" + index + "]", sink, true);
            } else {
                throw new InvalidInputException(name + "[" + index + "] is " + describe(t) + ", not a number");
            }
            index++;
        }
    }

    /** Growable float[], for arrays whose length is known only at their end. */
    static final class FloatList {
        private float[] values;
        private int size;

        FloatList(int capacity) {
            values = new float[capacity];
        }

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return size == values.length ? values : Arrays.copyOf(values, size);
        }
    }
}
