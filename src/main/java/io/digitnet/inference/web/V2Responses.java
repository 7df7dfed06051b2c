package io.digitnet.inference.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Response bodies of the Open Inference Protocol (KServe / Triton V2), REST. */
final class V2Responses {

    private V2Responses() {
    }

    /**
     * @param shape      e.g. [-1, 784]: -1 is the batch dimension
     * @param parameters the output's {@code class_names}: a JSON array (in a string) of every class, in output order
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @Schema(name = "V2TensorMetadata")
    record TensorMetadata(@Schema(example = "pixels") String name, @Schema(example = "FP32") String datatype,
                          long[] shape,
                          @Schema(example = "{\"class_names\":\"[\\\"T-shirt/top\\\",\\\"Trouser\\\"]\"}")
                          Map<String, String> parameters) {

        TensorMetadata(String name, String datatype, long[] shape) {
            this(name, datatype, shape, Map.of());
        }
    }

    /**
     * @param versions   the one model id that {@code name} resolves to now
     * @param parameters the model's {@code dataset}, when known
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @Schema(name = "V2ModelMetadata")
    record ModelMetadata(@Schema(example = "latest") String name, List<String> versions,
                         @Schema(example = "digitnet") String platform, List<TensorMetadata> inputs,
                         List<TensorMetadata> outputs, @Schema(example = "{\"dataset\":\"fashion-mnist\"}")
                         Map<String, String> parameters) {
    }

    /** @param extensions protocol extensions supported: binary_tensor_data, classification */
    @Schema(name = "V2ServerMetadata")
    record ServerMetadata(@Schema(example = "digitnet") String name, @Schema(example = "0.1.0-SNAPSHOT") String version,
                          List<String> extensions) {
    }

    @Schema(name = "V2Live")
    record Live(boolean live) {
    }

    @Schema(name = "V2Ready")
    record Ready(boolean ready) {
    }

    @Schema(name = "V2ModelReady")
    record ModelReady(@Schema(example = "latest") String name, boolean ready) {
    }

    /**
     * @param parameters {@code binary_data_size} when the data follows the JSON as bytes; else absent
     * @param data       [shape[0] × shape[1]] row-major: numbers (FP32) or "score:index:label" strings (BYTES,
     *                   classification); absent when binary
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "V2Output")
    record Output(@Schema(example = "probabilities") String name, long[] shape,
                  @Schema(allowableValues = {"FP32", "BYTES"}, example = "FP32") String datatype,
                  Map<String, Object> parameters,
                  @Schema(description = "FP32 numbers, or BYTES strings \"score:index:label\" (classification)",
                          types = {"array"}, example = "[0.0012, 0.0003, 0.9871]") Object data) {
    }

    /**
     * @param modelVersion the id of the model that computed the outputs
     * @param parameters   {@code dataset}: the model's dataset; {@code class_names}: the class of each image, in row
     *                     order, as a JSON array in a string (the protocol's parameters hold no arrays)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "V2InferResponse")
    record InferResponse(@Schema(example = "latest") @JsonProperty("model_name") String modelName,
                         @Schema(example = "m-20261129183015123-a1b2c3")
                         @JsonProperty("model_version") String modelVersion,
                         @Schema(description = "The request's id, echoed", example = "req-1") String id,
                         @Schema(example = "{\"dataset\":\"mnist\",\"class_names\":\"[\\\"7\\\"]\"}")
                         Map<String, String> parameters,
                         List<Output> outputs) {
    }

    @Schema(name = "V2Error")
    record Error(String error) {
    }
}
