package io.digitnet.inference.web;

import io.digitnet.inference.InferenceSettings;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /predict/echo}: the benchmark's baseline. It reads and validates a {@code /predict} body exactly as
 * {@code /predict} does and answers the same shape, but resolves no model and computes nothing, so the difference
 * between the two is the cost of prediction itself. Only present with {@code digitnet.inference.benchmark-endpoint}.
 */
@Hidden
@RestController
@ConditionalOnBooleanProperty("digitnet.inference.benchmark-endpoint")
class BenchmarkController {

    private static final float[] NOTHING = new float[10];

    private final InferenceSettings settings;

    BenchmarkController(InferenceSettings settings) {
        this.settings = settings;
    }

    @PostMapping(path = "/predict/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
    PredictResponse.Single echo(@RequestBody PredictRequest request) {
        request.images(settings.maxBatch()); // all the checks /predict makes, values included
        return new PredictResponse.Single("echo", "mnist", 0, "0", NOTHING);
    }
}
