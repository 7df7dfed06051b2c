package io.digitnet.inference.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The wire format of a V2 inference request, for the OpenAPI document only: {@link V2InferRequestConverter} reads
 * the body into {@link V2InferRequest}, whose shape is what the code needs rather than what the client sends.
 */
@Schema(name = "V2InferRequest")
record V2RequestSchema(
        @Schema(description = "Echoed in the response", example = "req-1") String id,
        @Schema(description = "Exactly one tensor, named pixels") List<Input> inputs,
        @Schema(description = "Optional; the only output is probabilities") List<Output> outputs,
        @Schema(description = "Optional; pixel_range: unit (default, [0, 1]) or byte ([0, 255])",
                example = "{\"pixel_range\": \"unit\"}") Map<String, Object> parameters) {

    @Schema(name = "V2InferInput")
    record Input(@Schema(example = "pixels") String name,
                 @Schema(description = "[N, 784]", example = "[1, 784]") long[] shape,
                 @Schema(example = "FP32") String datatype,
                 @Schema(description = "N × 784 values, row-major (flat, or nested as [N][784])") float[] data) {
    }

    @Schema(name = "V2InferOutputRequest")
    record Output(@Schema(example = "probabilities") String name) {
    }
}
