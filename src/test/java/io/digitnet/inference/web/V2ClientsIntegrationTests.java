package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.digitnet.inference.MnistTestImages;
import io.digitnet.inference.ReferenceNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The V2 protocol as its real clients speak it, replayed byte for byte over a socket: Triton's Python HTTP client
 * (tritonclient.http, through geventhttpclient: no Content-Type, binary tensors by default, Inference-Header-Content-
 * Length) and the KServe Python SDK (httpx, a top-level model_name), as their code builds the requests.
 */
class V2ClientsIntegrationTests extends InferenceTestContext {

    /** The headers geventhttpclient sends: no Content-Type, no Accept. */
    private String triton(String path, int length, String... extra) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n")
                .append("User-Agent: python/gevent-http-client-2.3.1\r\n");
        for (String header : extra) {
            head.append(header).append("\r\n");
        }
        return head.append("Content-Length: ").append(length).append("\r\nHost: localhost:").append(port)
                .append("\r\n").toString();
    }

    /** The headers httpx sends for {@code post(url, json=...)}. */
    private String kserve(String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: */*\r\n"
                + "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\nUser-Agent: python-httpx/0.28.1\r\n"
                + "Content-Length: " + length + "\r\nContent-Type: application/json\r\n";
    }

    private static String flat(float[][] images) {
        StringBuilder data = new StringBuilder();
        for (float[] image : images) {
            String row = Http.array(image);
            data.append(data.isEmpty() ? "" : ",").append(row, 1, row.length() - 1);
        }
        return "[" + data + "]";
    }

    private static byte[] littleEndian(float[][] images) {
        ByteBuffer buffer = ByteBuffer.allocate(images.length * 784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] image : images) {
            for (float v : image) {
                buffer.putFloat(v);
            }
        }
        return buffer.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private JsonNode json(byte[] bytes) {
        return json.readTree(bytes);
    }

    private void assertProbabilities(float[] actual, float[][] images, ReferenceNet reference) {
        assertThat(actual).hasSize(images.length * 10);
        for (int n = 0; n < images.length; n++) {
            double[] expected = reference.probabilities(images[n]);
            for (int k = 0; k < 10; k++) {
                assertThat((double) actual[n * 10 + k]).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    @Test
    void tritonJsonRequestWithoutContentType() {
        float[][] images = MnistTestImages.unit(2);
        byte[] body = ("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[2,784],\"datatype\":\"FP32\",\"data\":"
                + flat(images) + "}],\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"binary_data\":false}}]}")
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port,
                triton("/v2/models/" + models.sigmoid().id() + "/infer", body.length), body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Inference-Header-Content-Length")).isNull();
        JsonNode output = json(response.body()).get("outputs").get(0);
        assertThat(output.get("shape").toString()).isEqualTo("[2,10]");
        assertProbabilities(Http.floats(output.get("data")), images, models.sigmoid().reference());
    }

    /** tritonclient's defaults: binary inputs, no outputs named, so binary_data_output for all. */
    @Test
    void tritonBinaryTensorsBothWays() {
        float[][] images = MnistTestImages.unit(3);
        byte[] tensor = littleEndian(images);
        byte[] header = ("{\"id\":\"b-1\",\"inputs\":[{\"name\":\"pixels\",\"shape\":[3,784],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":" + tensor.length + "}}],"
                + "\"parameters\":{\"binary_data_output\":true}}").getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(header, tensor);
        RawHttp.Response response = RawHttp.send(port, triton("/v2/models/" + models.relu().id() + "/infer",
                body.length, "Inference-Header-Content-Length: " + header.length), body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/octet-stream");
        int jsonLength = Integer.parseInt(response.header("Inference-Header-Content-Length"));
        JsonNode head = json(Arrays.copyOf(response.body(), jsonLength));
        assertThat(head.get("id").stringValue()).isEqualTo("b-1");
        assertThat(head.get("model_version").stringValue()).isEqualTo(models.relu().id());
        JsonNode output = head.get("outputs").get(0);
        assertThat(output.get("datatype").stringValue()).isEqualTo("FP32");
        assertThat(output.get("shape").toString()).isEqualTo("[3,10]");
        assertThat(output.has("data")).isFalse();
        assertThat(output.get("parameters").get("binary_data_size").intValue()).isEqualTo(3 * 10 * 4);
        assertThat(response.body().length).isEqualTo(jsonLength + 3 * 10 * 4);
        float[] probabilities = new float[30];
        ByteBuffer.wrap(response.body(), jsonLength, 120).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(probabilities);
        assertProbabilities(probabilities, images, models.relu().reference());
    }

    @Test
    void binaryInputWithJsonOutputAndOctetStreamContentType() {
        float[][] images = MnistTestImages.unit(1);
        byte[] tensor = littleEndian(images);
        byte[] header = ("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":" + tensor.length + "}}],"
                + "\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"binary_data\":false}}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(header, tensor);
        RawHttp.Response response = RawHttp.send(port, triton("/v2/models/" + models.sigmoid().id() + "/infer",
                body.length, "Content-Type: application/octet-stream",
                "Inference-Header-Content-Length: " + header.length), body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertProbabilities(Http.floats(json(response.body()).get("outputs").get(0).get("data")), images,
                models.sigmoid().reference());
    }

    @Test
    void binaryTensorOfTheWrongSizeIsA400() {
        byte[] tensor = new byte[784 * 4 - 4];
        byte[] header = ("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":" + tensor.length + "}}]}").getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(header, tensor);
        RawHttp.Response response = RawHttp.send(port, triton("/v2/models/" + models.sigmoid().id() + "/infer",
                body.length, "Inference-Header-Content-Length: " + header.length), body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(json(response.body()).get("error").stringValue()).contains("data has 783 values");

        byte[] longer = concat(body, new byte[8]);
        RawHttp.Response trailing = RawHttp.send(port, triton("/v2/models/" + models.sigmoid().id() + "/infer",
                longer.length, "Inference-Header-Content-Length: " + header.length), longer);
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(json(trailing.body()).get("error").stringValue()).contains("binary_data_size");
    }

    @Test
    void aBodyShorterThanItsJsonHeaderIsA400() {
        byte[] header = "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(header, 20);
        RawHttp.Response response = RawHttp.send(port, triton("/v2/models/" + models.sigmoid().id() + "/infer",
                body.length, "Inference-Header-Content-Length: " + header.length), body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(json(response.body()).get("error").stringValue())
                .contains("the body ends after 20 bytes", "Inference-Header-Content-Length");
    }

    /** tritonclient's InferRequestedOutput("probabilities", binary_data=False, class_count=3). */
    @Test
    void classificationAnswersTheTopClassesWithTheirLabels() {
        float[][] images = MnistTestImages.unit(2);
        byte[] body = ("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[2,784],\"datatype\":\"FP32\",\"data\":"
                + flat(images) + "}],\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"classification\":3,"
                + "\"binary_data\":false}}]}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port,
                triton("/v2/models/" + models.trained().id() + "/infer", body.length), body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode output = json(response.body()).get("outputs").get(0);
        assertThat(output.get("datatype").stringValue()).isEqualTo("BYTES");
        assertThat(output.get("shape").toString()).isEqualTo("[2,3]");
        for (int n = 0; n < 2; n++) {
            double[] p = models.trained().reference().probabilities(images[n]);
            int best = ReferenceNet.argMax(p);
            String[] top = output.get("data").get(n * 3).stringValue().split(":");
            assertThat(Integer.parseInt(top[1])).isEqualTo(best);
            assertThat(top[2]).isEqualTo(Integer.toString(best)); // MNIST's class names are the digits
            assertThat(Double.parseDouble(top[0])).isCloseTo(p[best], within(1e-5));
            double second = Double.parseDouble(output.get("data").get(n * 3 + 1).stringValue().split(":")[0]);
            assertThat(second).isLessThanOrEqualTo(Double.parseDouble(top[0]));
        }
    }

    @Test
    void classificationAsBinaryIsLengthPrefixedStrings() {
        float[][] images = MnistTestImages.unit(1);
        byte[] body = ("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":"
                + flat(images) + "}],\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"classification\":2,"
                + "\"binary_data\":true}}]}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port,
                triton("/v2/models/" + models.trained().id() + "/infer", body.length), body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        int jsonLength = Integer.parseInt(response.header("Inference-Header-Content-Length"));
        ByteBuffer raw = ByteBuffer.wrap(response.body(), jsonLength, response.body().length - jsonLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        List<String> strings = new ArrayList<>();
        while (raw.hasRemaining()) {
            byte[] value = new byte[raw.getInt()];
            raw.get(value);
            strings.add(new String(value, StandardCharsets.UTF_8));
        }
        assertThat(strings).hasSize(2);
        int best = ReferenceNet.argMax(models.trained().reference().probabilities(images[0]));
        assertThat(strings.get(0)).endsWith(":" + best + ":" + best);
    }

    @Test
    void classificationOutOfRangeIsA400() {
        byte[] body = ("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":"
                + flat(MnistTestImages.unit(1)) + "}],\"outputs\":[{\"name\":\"probabilities\","
                + "\"parameters\":{\"classification\":11}}]}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port,
                triton("/v2/models/" + models.trained().id() + "/infer", body.length), body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response.body()).get("error").stringValue()).contains("classification must be between 1 and 10");
    }

    /** InferRequest.to_rest() of the KServe SDK: id, model_name, inputs; plus fields no one defined, anywhere. */
    @Test
    void kserveRequestWithModelNameAndUnknownFields() {
        float[][] images = MnistTestImages.unit(1);
        String id = UUID.randomUUID().toString();
        byte[] body = ("{\"id\":\"" + id + "\",\"model_name\":\"" + models.sigmoid().id() + "\",\"inputs\":[{"
                + "\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"extra\":{\"a\":[1,2]},"
                + "\"parameters\":{\"content_type\":\"np\"},\"data\":" + flat(images) + "}],"
                + "\"outputs\":[{\"name\":\"probabilities\",\"whatever\":true}],"
                + "\"parameters\":{\"priority\":1,\"headers\":{\"x\":\"y\"}},\"trace\":null}")
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port,
                kserve("/v2/models/" + models.sigmoid().id() + "/infer", body.length), body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode answer = json(response.body());
        assertThat(answer.get("id").stringValue()).isEqualTo(id);
        assertProbabilities(Http.floats(answer.get("outputs").get(0).get("data")), images,
                models.sigmoid().reference());
    }

    @Test
    void predictStaysStrictAboutUnknownFields() {
        Http.Response response = http.postJson("/predict", "{\"pixels\":" + Http.array(MnistTestImages.unit(1)[0])
                + ",\"model_name\":\"x\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("model_name");
    }
}
