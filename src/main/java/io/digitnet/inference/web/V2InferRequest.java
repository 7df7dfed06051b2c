package io.digitnet.inference.web;

import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.OpenInference;
import io.digitnet.inference.PixelRange;
import java.util.List;

/**
 * The body of {@code POST /v2/models/{name}/infer} (Open Inference Protocol, REST), read by
 * {@link V2InferRequestConverter}: JSON, or a JSON header followed by binary tensors.
 *
 * @param id               echoed in the response; may be null
 * @param inputs           exactly one tensor, named {@code pixels}
 * @param outputs          the requested outputs; null means all ({@code probabilities}, as JSON unless
 *                         {@code binaryDataOutput})
 * @param pixelRange       from {@code parameters.pixel_range}; null means unit
 * @param binaryDataOutput from {@code parameters.binary_data_output}: outputs as binary unless one says otherwise
 */
record V2InferRequest(String id, List<Input> inputs, List<Output> outputs, String pixelRange,
                      boolean binaryDataOutput) {

    static final List<Output> ALL = List.of(new Output(OpenInference.OUTPUT, null, null));

    /**
     * @param shape          [N, 784]
     * @param data           [N × 784] row-major, from {@code data} or from the binary part of the body
     * @param binaryDataSize {@code parameters.binary_data_size}: bytes of this tensor after the JSON; -1 if none
     */
    record Input(String name, long[] shape, String datatype, float[] data, long binaryDataSize) {

        Input withData(float[] values) {
            return new Input(name, shape, datatype, values, binaryDataSize);
        }
    }

    /**
     * @param binaryData     {@code parameters.binary_data}; null: as the request's {@code binary_data_output} says
     * @param classification {@code parameters.classification}: answer the top k classes instead; null: no
     */
    record Output(String name, Boolean binaryData, Long classification) {
    }

    /** Checks the tensor's name, datatype and shape against the model's metadata, then every value. */
    InputImages images(int maxBatch) {
        if (inputs == null || inputs.size() != 1) {
            throw new InvalidInputException("inputs must hold exactly one tensor, named \"" + OpenInference.INPUT
                    + "\"; got " + (inputs == null ? "none" : inputs.size()));
        }
        for (Output output : requestedOutputs()) {
            OpenInference.checkOutput(output.name());
        }
        Input input = inputs.get(0);
        PixelRange range = pixelRange == null ? PixelRange.UNIT : PixelRange.parse(pixelRange);
        return OpenInference.images(input.name(), input.datatype(), input.shape(), input.data(), range, maxBatch);
    }

    List<Output> requestedOutputs() {
        return outputs == null || outputs.isEmpty() ? ALL : outputs;
    }

    boolean binary(Output output) {
        return output.binaryData() != null ? output.binaryData() : binaryDataOutput;
    }
}
