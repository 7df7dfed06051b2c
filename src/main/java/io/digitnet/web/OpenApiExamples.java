package io.digitnet.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Example bodies for the OpenAPI document, complete enough that Swagger UI's "Try it out" sends requests the
 * service accepts: images are 784 real pixel values (a hand-drawn 7 and 1 on the 28×28 MNIST grid).
 */
final class OpenApiExamples {

    static final int SIDE = 28;

    private OpenApiExamples() {
    }

    static Map<String, Object> predictOne() {
        return Map.of("pixels", seven());
    }

    static Map<String, Object> predictBatch() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instances", List.of(seven(), one()));
        body.put("model", "latest");
        body.put("pixelRange", "unit");
        return body;
    }

    static Map<String, Object> v2Infer() {
        List<Number> data = new ArrayList<>(seven());
        data.addAll(one());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "pixels");
        input.put("shape", List.of(2, SIDE * SIDE));
        input.put("datatype", "FP32");
        input.put("data", data);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "req-1");
        body.put("inputs", List.of(input));
        return body;
    }

    /** [784] row by row: a horizontal bar and a diagonal stroke, in [0, 1]. */
    static List<Number> seven() {
        float[] image = new float[SIDE * SIDE];
        for (int col = 7; col <= 20; col++) {
            stroke(image, 6, col);
        }
        for (int row = 7; row <= 22; row++) {
            stroke(image, row, 20 - (row - 7) / 2);
        }
        return list(image);
    }

    /** [784]: a vertical stroke, slightly slanted. */
    static List<Number> one() {
        float[] image = new float[SIDE * SIDE];
        for (int row = 5; row <= 22; row++) {
            stroke(image, row, 15 - (row - 5) / 6);
        }
        return list(image);
    }

    /** A pen two pixels wide with soft edges, as MNIST's anti-aliased digits look. */
    private static void stroke(float[] image, int row, int col) {
        paint(image, row, col, 1f);
        paint(image, row, col + 1, 1f);
        paint(image, row, col - 1, 0.5f);
        paint(image, row, col + 2, 0.5f);
        paint(image, row + 1, col, 0.25f);
    }

    private static void paint(float[] image, int row, int col, float value) {
        if (row >= 0 && row < SIDE && col >= 0 && col < SIDE) {
            int i = row * SIDE + col;
            image[i] = Math.max(image[i], value);
        }
    }

    /** Whole values as integers: 0 rather than 0.0 keeps the examples short. */
    private static List<Number> list(float[] image) {
        List<Number> values = new ArrayList<>(image.length);
        for (float v : image) {
            values.add(v == (int) v ? (Number) (int) v : (Number) v);
        }
        return values;
    }
}
