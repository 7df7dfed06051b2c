package io.digitnet.inference.web;

import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads {@link PredictRequest} with a streaming parser: the pixels go straight into float arrays, unknown fields
 * and wrong types are rejected with a message that names them, and an oversized batch is refused before it is
 * stored. Registered as a converter bean, so Spring uses it before the general JSON converter for this type only.
 */
@Component
// declared here too, so that MVC test slices of other features, which pick up every converter bean, can build this one
@EnableConfigurationProperties(InferenceSettings.class)
class PredictRequestConverter extends StreamingJsonReader<PredictRequest> {

    private static final String FIELDS = "pixels, instances, model, pixelRange, dataset";

    private final int maxBatch;

    PredictRequestConverter(InferenceSettings settings) {
        super(PredictRequest.class);
        this.maxBatch = settings.maxBatch();
    }

    @Override
    PredictRequest read(JsonParser p) {
        JsonInput.expectObjectBody(p, PredictRequest.EXAMPLE);
        float[] pixels = null;
        float[][] instances = null;
        String model = null;
        String pixelRange = null;
        String dataset = null;
        List<String> seen = new ArrayList<>(4);
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            if (seen.contains(name)) {
                throw new InvalidInputException("the field \"" + name + "\" appears twice");
            }
            seen.add(name);
            JsonToken value = p.nextToken();
            switch (name) {
                case "pixels" -> pixels = value == JsonToken.VALUE_NULL ? null : JsonInput.floats(p, "pixels");
                case "instances" -> instances = value == JsonToken.VALUE_NULL ? null : instances(p);
                case "model" -> model = JsonInput.string(p, "model");
                case "pixelRange" -> pixelRange = JsonInput.string(p, "pixelRange");
                case "dataset" -> dataset = JsonInput.string(p, "dataset");
                default -> throw new InvalidInputException("unknown field \"" + name + "\"; the fields are " + FIELDS);
            }
        }
        JsonInput.expectEnd(p);
        return new PredictRequest(pixels, instances, model, pixelRange, dataset);
    }

    private float[][] instances(JsonParser p) {
        JsonInput.expectArray(p, "instances", "an array of images (arrays of " + InputImages.PIXELS + " numbers)");
        List<float[]> images = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (images.size() == maxBatch) {
                throw tooMany(p, t);
            }
            String name = "instances[" + images.size() + "]";
            JsonInput.expectArray(p, name, "an array of " + InputImages.PIXELS + " numbers");
            images.add(JsonInput.floats(p, name));
        }
        return images.toArray(new float[0][]);
    }

    /** Counts the rest of the batch without keeping it, to say how many came. */
    private InvalidInputException tooMany(JsonParser p, JsonToken current) {
        int count = maxBatch;
        for (JsonToken t = current; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            p.skipChildren();
            count++;
        }
        return new InvalidInputException("instances has " + count + " images; at most " + maxBatch
                + " are allowed per request (digitnet.inference.max-batch)");
    }
}
