package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.digitnet.inference.MnistTestImages;
import io.digitnet.models.ModelRegistry;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class V2IntegrationTests extends InferenceTestContext {

    @Autowired
    ModelRegistry registry;

    @BeforeAll
    void alias() {
        registry.moveAlias(models.sigmoid().id(), "v2-staging");
    }

    private static String inferBody(float[][] images, String shape) {
        StringBuilder data = new StringBuilder();
        for (float[] image : images) {
            String row = Http.array(image);
            data.append(data.isEmpty() ? "" : ",").append(row, 1, row.length() - 1);
        }
        return "{\"id\":\"req-1\",\"inputs\":[{\"name\":\"pixels\",\"shape\":" + shape
                + ",\"datatype\":\"FP32\",\"data\":[" + data + "]}]}";
    }

    @Test
    void serverIsLiveAndReady() {
        Http.Response live = http.get("/v2/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("live").booleanValue()).isTrue();
        Http.Response ready = http.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").booleanValue()).isTrue();
    }

    @Test
    void theOpenApiDocumentDescribesSuccessAndErrors() {
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");
        JsonNode infer = paths.get("/v2/models/{name}/infer").get("post");
        assertThat(infer.get("responses").propertyNames()).contains("200", "400", "404");
        assertThat(infer.get("requestBody").toString()).contains("V2InferRequest");
        assertThat(infer.get("responses").get("200").toString()).contains("V2InferResponse");
        assertThat(infer.get("responses").get("404").toString()).contains("V2Error");
        JsonNode predict = paths.get("/predict").get("post");
        assertThat(predict.get("responses").propertyNames()).contains("200", "400", "404", "413");
        assertThat(predict.get("requestBody").toString()).contains("PredictRequest");
        assertThat(predict.get("responses").get("200").toString()).contains("PredictResponse");
        assertThat(paths.has("/predict/echo")).isFalse();
    }

    @Test
    void serverMetadata() {
        Http.Response response = http.get("/v2");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").stringValue()).isEqualTo("digitnet");
        assertThat(response.json().get("version").stringValue()).isNotBlank();
        assertThat(response.json().get("extensions").isArray()).isTrue();
        assertThat(response.json().get("extensions").size()).isEqualTo(2);
        assertThat(response.json().get("extensions").toString()).contains("\"binary_tensor_data\"", "\"classification\"");

        Http.Response slash = http.get("/v2/");
        assertThat(slash.status()).isEqualTo(200);
        assertThat(slash.json()).isEqualTo(response.json());
    }

    @Test
    void versionedPathsTakeTheModelIdAsVersion() {
        String id = models.sigmoid().id();
        Http.Response metadata = http.get("/v2/models/v2-staging/versions/" + id);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().get("versions").get(0).stringValue()).isEqualTo(id);
        assertThat(http.get("/v2/models/v2-staging/versions/" + id + "/ready").json().get("ready").booleanValue())
                .isTrue();
        Http.Response infer = http.postJson("/v2/models/v2-staging/versions/" + id + "/infer",
                inferBody(MnistTestImages.unit(1), "[1,784]"));
        assertThat(infer.status()).isEqualTo(200);
        assertThat(infer.json().get("model_version").stringValue()).isEqualTo(id);

        String other = models.relu().id();
        for (Http.Response wrong : List.of(http.get("/v2/models/v2-staging/versions/" + other),
                http.get("/v2/models/v2-staging/versions/" + other + "/ready"),
                http.postJson("/v2/models/v2-staging/versions/" + other + "/infer",
                        inferBody(MnistTestImages.unit(1), "[1,784]")))) {
            assertThat(wrong.status()).isEqualTo(404);
            assertThat(wrong.contentType()).startsWith("application/json");
            assertThat(wrong.json().get("error").stringValue()).contains("no version '" + other + "'", id);
        }
    }

    @Test
    void everyErrorUnderV2IsJsonWithError() {
        List<Http.Response> errors = List.of(
                http.get("/v2/nothing/here"),
                http.put("/v2/models/v2-staging"),
                http.send("GET", "/v2/health/live", "Accept", "text/html"),
                http.send("GET", "/v2/models/v2-staging", "Accept", "application/xml"),
                http.post("/v2/models/v2-staging/infer", "text/plain", "hello".getBytes()),
                http.post("/v2/models/v2-staging/infer", "application/json", new byte[17 * 1024 * 1024]));
        assertThat(errors).extracting(Http.Response::status).containsExactly(404, 405, 406, 406, 415, 413);
        for (Http.Response error : errors) {
            assertThat(error.contentType()).as(error.body()).startsWith("application/json");
            assertThat(List.copyOf(error.json().propertyNames())).as(error.body()).containsExactly("error");
            assertThat(error.json().get("error").stringValue()).isNotBlank();
        }
    }

    @Test
    void modelMetadataDescribesTheTensors() {
        Http.Response response = http.get("/v2/models/v2-staging");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("name").stringValue()).isEqualTo("v2-staging");
        assertThat(body.get("versions").get(0).stringValue()).isEqualTo(models.sigmoid().id());
        assertThat(body.get("platform").stringValue()).isNotBlank();
        JsonNode input = body.get("inputs").get(0);
        assertThat(input.get("name").stringValue()).isEqualTo("pixels");
        assertThat(input.get("datatype").stringValue()).isEqualTo("FP32");
        assertThat(input.get("shape").toString()).isEqualTo("[-1,784]");
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("name").stringValue()).isEqualTo("probabilities");
        assertThat(output.get("datatype").stringValue()).isEqualTo("FP32");
        assertThat(output.get("shape").toString()).isEqualTo("[-1,10]");
    }

    @Test
    void modelReadiness() {
        Http.Response ready = http.get("/v2/models/" + models.relu().id() + "/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").booleanValue()).isTrue();
        Http.Response unknown = http.get("/v2/models/nothing-here/ready");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").stringValue()).contains("nothing-here");
    }

    @Test
    void inferAnswersOneRowOfProbabilitiesPerImage() {
        float[][] images = MnistTestImages.unit(3);
        Http.Response response = http.postJson("/v2/models/v2-staging/infer", inferBody(images, "[3,784]"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("model_name").stringValue()).isEqualTo("v2-staging");
        assertThat(body.get("model_version").stringValue()).isEqualTo(models.sigmoid().id());
        assertThat(body.get("id").stringValue()).isEqualTo("req-1");
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("name").stringValue()).isEqualTo("probabilities");
        assertThat(output.get("datatype").stringValue()).isEqualTo("FP32");
        assertThat(output.get("shape").toString()).isEqualTo("[3,10]");
        float[] data = Http.floats(output.get("data"));
        assertThat(data).hasSize(30);
        for (int n = 0; n < 3; n++) {
            double[] reference = models.sigmoid().reference().probabilities(images[n]);
            for (int k = 0; k < 10; k++) {
                assertThat((double) data[n * 10 + k]).isCloseTo(reference[k], within(1e-5));
            }
        }
    }

    @Test
    void inferAcceptsNestedDataAndNoId() {
        float[][] images = MnistTestImages.unit(2);
        String body = "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[2,784],\"datatype\":\"FP32\",\"data\":["
                + Http.array(images[0]) + "," + Http.array(images[1]) + "]}],"
                + "\"outputs\":[{\"name\":\"probabilities\"}]}";
        Http.Response response = http.postJson("/v2/models/" + models.relu().id() + "/infer", body);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("id")).isFalse();
        assertThat(response.json().get("outputs").get(0).get("data").size()).isEqualTo(20);
    }

    static Stream<Arguments> badInferBodies() {
        String zeros = String.join(",", Collections.nCopies(784, "0"));
        return Stream.of(
                Arguments.of("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[2,784],\"datatype\":\"FP32\",\"data\":["
                        + zeros + "]}]}", "data has 784 values; 2 images of 784 need 1568"),
                Arguments.of("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,28,28],\"datatype\":\"FP32\",\"data\":["
                        + zeros + "]}]}", "shape [N, 784]"),
                Arguments.of("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"INT8\",\"data\":["
                        + zeros + "]}]}", "datatype FP32"),
                Arguments.of("{\"inputs\":[{\"name\":\"image\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":["
                        + zeros + "]}]}", "unknown input \"image\""),
                Arguments.of("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":[2,"
                        + zeros.substring(2) + "]}]}", "data[0] (image 0, pixel 0) is 2.0"),
                Arguments.of("{\"inputs\":[]}", "exactly one tensor"),
                Arguments.of("{\"inputs\":[{\"name\":\"pixels\"", "malformed JSON"),
                Arguments.of("{\"input\":[]}", "inputs must hold exactly one tensor"),
                Arguments.of("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\","
                        + "\"parameters\":{\"binary_data_size\":\"x\"}}]}", "binary_data_size must be a non-negative integer"),
                Arguments.of("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\","
                        + "\"data\":[" + zeros + "]}],\"outputs\":[{\"name\":\"probabilities\",\"parameters\":"
                        + "{\"classification\":true}}]}", "classification must be a non-negative integer"));
    }

    @ParameterizedTest
    @MethodSource("badInferBodies")
    void badInferRequestsAre400InTheProtocolsErrorFormat(String body, String message) {
        Http.Response response = http.postJson("/v2/models/" + models.relu().id() + "/infer", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(List.copyOf(response.json().propertyNames())).containsExactly("error");
        assertThat(response.json().get("error").stringValue()).contains(message);
    }

    @Test
    void otherErrorsAreInTheProtocolsFormatToo() {
        Http.Response unknown = http.postJson("/v2/models/m-20000101000000000-abcdef/infer",
                inferBody(MnistTestImages.unit(1), "[1,784]"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").stringValue()).isNotBlank();

        Http.Response metadata = http.get("/v2/models/nothing-here");
        assertThat(metadata.status()).isEqualTo(404);
        assertThat(List.copyOf(metadata.json().propertyNames())).containsExactly("error");

        Http.Response text = http.post("/v2/models/v2-staging/infer", "text/plain", "hello".getBytes());
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("error").stringValue()).isNotBlank();

        Http.Response invalidName = http.get("/v2/models/..%2F..%2Fetc/ready");
        assertThat(invalidName.status()).isBetween(400, 404);
    }
}
