package io.digitnet.inference.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Response bodies of the Open Inference Protocol (KServe / Triton V2), REST. */
final class V2Responses {

    private V2Responses() {
    }

    /** @param shape e.g. [-1, 784]: -1 is the batch dimension */
    record TensorMetadata(String name, String datatype, long[] shape) {
    }

    /** @param versions the one model id that {@code name} resolves to now */
    record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                         List<TensorMetadata> outputs) {
    }

    /** @param extensions protocol extensions supported: none */
    record ServerMetadata(String name, String version, List<String> extensions) {
    }

    record Live(boolean live) {
    }

    record Ready(boolean ready) {
    }

    record ModelReady(String name, boolean ready) {
    }

    /** @param data [shape[0] × shape[1]] row-major */
    record Output(String name, long[] shape, String datatype, float[] data) {
    }

    /** @param modelVersion the id of the model that computed the outputs */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferResponse(@JsonProperty("model_name") String modelName,
                         @JsonProperty("model_version") String modelVersion,
                         String id,
                         List<Output> outputs) {
    }

    record Error(String error) {
    }
}
