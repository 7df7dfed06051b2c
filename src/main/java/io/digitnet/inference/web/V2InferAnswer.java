package io.digitnet.inference.web;

import io.digitnet.inference.OpenInference;
import io.digitnet.inference.Prediction;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a prediction into the V2 answer the request asked for: each requested output as FP32 probabilities or as
 * top-k classification strings (BYTES), in JSON or, where {@code binary_data} asks for it, as bytes after the JSON
 * (then the body is {@code application/octet-stream} and {@code Inference-Header-Content-Length} gives the JSON's
 * length, as in Triton's binary tensor data extension). The answer's {@code parameters} name the model's dataset and
 * the class of each image ({@link OpenInference#answerParameters}).
 */
final class V2InferAnswer {

    private V2InferAnswer() {
    }

    static ResponseEntity<?> of(String name, V2InferRequest request, Prediction prediction, JsonMapper json) {
        List<V2Responses.Output> outputs = new ArrayList<>();
        List<byte[]> binary = new ArrayList<>();
        for (V2InferRequest.Output requested : request.requestedOutputs()) {
            long[] shape;
            String datatype;
            Object data;
            byte[] raw;
            boolean asBinary = request.binary(requested);
            if (requested.classification() != null) {
                int k = OpenInference.checkClassification(requested.classification(), prediction.classes());
                String[] top = OpenInference.classify(prediction, k);
                shape = new long[] {prediction.rows(), k};
                datatype = OpenInference.BYTES;
                data = top;
                raw = asBinary ? OpenInference.lengthPrefixed(top) : null;
            } else {
                shape = new long[] {prediction.rows(), prediction.classes()};
                datatype = OpenInference.FP32;
                data = prediction.probabilities();
                raw = asBinary ? OpenInference.littleEndianBytes(prediction.probabilities()) : null;
            }
            if (raw != null) {
                binary.add(raw);
                outputs.add(new V2Responses.Output(requested.name(), shape, datatype,
                        Map.of("binary_data_size", raw.length), null));
            } else {
                outputs.add(new V2Responses.Output(requested.name(), shape, datatype, null, data));
            }
        }
        V2Responses.InferResponse response = new V2Responses.InferResponse(name, prediction.model().id(),
                request.id(), OpenInference.answerParameters(prediction), outputs);
        if (binary.isEmpty()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
        }
        byte[] header = json.writeValueAsBytes(response);
        ByteArrayOutputStream body = new ByteArrayOutputStream(header.length
                + binary.stream().mapToInt(b -> b.length).sum());
        body.writeBytes(header);
        binary.forEach(body::writeBytes);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(V2InferRequestConverter.HEADER_LENGTH, Integer.toString(header.length))
                .body(body.toByteArray());
    }
}
