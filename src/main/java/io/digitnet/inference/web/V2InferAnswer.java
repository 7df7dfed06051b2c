package io.digitnet.inference.web;

import io.digitnet.inference.OpenInference;
import io.digitnet.inference.Prediction;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.ObjectWriter;

/**
 * Turns a prediction into the V2 answer the request asked for: each requested output as FP32 probabilities or as
 * top-k classification strings (BYTES), in JSON or, where {@code binary_data} asks for it, as bytes after the JSON
 * (then the body is {@code application/octet-stream} and {@code Inference-Header-Content-Length} gives the JSON's
 * length, as in Triton's binary tensor data extension). The answer's {@code parameters} name the model's dataset and
 * the class of each image ({@link OpenInference#answerParameters}).
 *
 * <p>A binary answer is written straight to the response (null is returned then): the fast way in should not pay for
 * a copy of the body and content negotiation on the way out.
 */
final class V2InferAnswer {

    private V2InferAnswer() {
    }

    /**
     * @param header writes {@link V2Responses.InferResponse} as JSON
     * @return the JSON answer, or null when a binary answer was written to {@code response}
     */
    static ResponseEntity<?> of(String name, V2InferRequest request, Prediction prediction, ObjectWriter header,
                                HttpServletResponse response) throws IOException {
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
        V2Responses.InferResponse answer = new V2Responses.InferResponse(name, prediction.model().id(),
                request.id(), OpenInference.answerParameters(prediction), outputs);
        if (binary.isEmpty()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
        }
        byte[] json = header.writeValueAsBytes(answer);
        int length = json.length;
        for (byte[] raw : binary) {
            length += raw.length;
        }
        // one write: each write to the response passes the container's and Spring's checks
        byte[] body = Arrays.copyOf(json, length);
        int at = json.length;
        for (byte[] raw : binary) {
            System.arraycopy(raw, 0, body, at, raw.length);
            at += raw.length;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader(V2InferRequestConverter.HEADER_LENGTH, Integer.toString(json.length));
        response.setContentLength(length);
        response.getOutputStream().write(body);
        return null;
    }
}
