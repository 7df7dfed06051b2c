package io.digitnet.inference.web;

import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.PixelRange;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code POST /v2/models/{name}/infer} (Open Inference Protocol, REST), read by
 * {@link V2InferRequestConverter}.
 *
 * @param id         echoed in the response; may be null
 * @param inputs     exactly one tensor, named {@code pixels}
 * @param outputs    names of the requested outputs; null means all ({@code probabilities})
 * @param pixelRange from {@code parameters.pixel_range}; null means unit
 */
record V2InferRequest(String id, List<Input> inputs, List<String> outputs, String pixelRange) {

    static final String INPUT = "pixels";
    static final String OUTPUT = "probabilities";
    static final String DATATYPE = "FP32";

    /**
     * @param shape [N, 784]
     * @param data  [N × 784] row-major
     */
    record Input(String name, long[] shape, String datatype, float[] data) {
    }

    /** Checks the tensor's name, datatype and shape against the model's metadata, then every value. */
    InputImages images(int maxBatch) {
        if (inputs == null || inputs.size() != 1) {
            throw new InvalidInputException("inputs must hold exactly one tensor, named \"" + INPUT + "\"; got "
                    + (inputs == null ? "none" : inputs.size()));
        }
        if (outputs != null) {
            for (String output : outputs) {
                if (!OUTPUT.equals(output)) {
                    throw new InvalidInputException("unknown output \"" + output + "\"; the model's only output is \""
                            + OUTPUT + "\"");
                }
            }
        }
        Input input = inputs.get(0);
        if (!INPUT.equals(input.name())) {
            throw new InvalidInputException("unknown input \"" + input.name() + "\"; the model's input is \""
                    + INPUT + "\"");
        }
        if (!DATATYPE.equals(input.datatype())) {
            throw new InvalidInputException("input \"" + INPUT + "\" must have datatype " + DATATYPE + ", not "
                    + input.datatype());
        }
        long[] shape = input.shape();
        if (shape == null || shape.length != 2 || shape[1] != InputImages.PIXELS || shape[0] < 0) {
            throw new InvalidInputException("input \"" + INPUT + "\" must have shape [N, " + InputImages.PIXELS
                    + "], not " + (shape == null ? "none" : Arrays.toString(shape)));
        }
        if (input.data() == null) {
            throw new InvalidInputException("input \"" + INPUT + "\" has no data");
        }
        int rows = (int) Math.min(shape[0], Integer.MAX_VALUE);
        PixelRange range = pixelRange == null ? PixelRange.UNIT : PixelRange.parse(pixelRange);
        return InputImages.flat(input.data(), rows, range, maxBatch);
    }
}
