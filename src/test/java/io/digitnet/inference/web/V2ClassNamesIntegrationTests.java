package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.digitnet.inference.MnistTestImages;
import io.digitnet.inference.ReferenceNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * V2 answers name the model's dataset and classes, and the classification extension labels with them: digits for an
 * MNIST model, garments for a Fashion-MNIST model, and the names given at upload for a model of an uploaded dataset
 * (names holding a comma and a quote, which the JSON-in-a-string parameters must keep intact).
 */
class V2ClassNamesIntegrationTests extends InferenceTestContext {

    private final float[][] images = MnistTestImages.unit(3);

    private List<String> strings(String jsonArray) {
        List<String> values = new ArrayList<>();
        json.readTree(jsonArray).forEach(node -> values.add(node.stringValue()));
        return values;
    }

    private String inferBody(String outputs) {
        StringBuilder data = new StringBuilder();
        for (float[] image : images) {
            String row = Http.array(image);
            data.append(data.isEmpty() ? "" : ",").append(row, 1, row.length() - 1);
        }
        return "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[" + images.length + ",784],\"datatype\":\"FP32\","
                + "\"data\":[" + data + "]}]" + outputs + "}";
    }

    /** The class each image gets from the reference computation, by the given names. */
    private List<String> expectedClasses(Model model, List<String> names) {
        List<String> classes = new ArrayList<>();
        for (float[] image : images) {
            classes.add(names.get(ReferenceNet.argMax(model.reference().probabilities(image))));
        }
        return classes;
    }

    private void assertMetadata(Model model, String dataset, List<String> names) {
        Http.Response response = http.get("/v2/models/" + model.id());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("parameters").get("dataset").stringValue()).isEqualTo(dataset);
        JsonNode output = response.json().get("outputs").get(0);
        assertThat(output.get("shape").toString()).isEqualTo("[-1," + names.size() + "]");
        assertThat(strings(output.get("parameters").get("class_names").stringValue())).isEqualTo(names);
        assertThat(response.json().get("inputs").get(0).has("parameters")).isFalse();
    }

    private void assertAnswerNamesDatasetAndClasses(Model model, String dataset, List<String> names) {
        Http.Response response = http.postJson("/v2/models/" + model.id() + "/infer", inferBody(""));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode parameters = response.json().get("parameters");
        assertThat(parameters.get("dataset").stringValue()).isEqualTo(dataset);
        assertThat(strings(parameters.get("class_names").stringValue())).isEqualTo(expectedClasses(model, names));
    }

    /** "score:index:label" with the model's names, best first, for every image; k = 2. */
    private void assertClassification(Model model, List<String> names) {
        Http.Response response = http.postJson("/v2/models/" + model.id() + "/infer", inferBody(
                ",\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"classification\":2}}]"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode data = response.json().get("outputs").get(0).get("data");
        assertThat(data.size()).isEqualTo(images.length * 2);
        for (int n = 0; n < images.length; n++) {
            double[] p = model.reference().probabilities(images[n]);
            int best = ReferenceNet.argMax(p);
            String top = data.get(n * 2).stringValue();
            // the label may hold ':' in principle; score and index never do
            String[] parts = top.split(":", 3);
            assertThat(Double.parseDouble(parts[0])).isCloseTo(p[best], within(1e-5));
            assertThat(Integer.parseInt(parts[1])).isEqualTo(best);
            assertThat(parts[2]).isEqualTo(names.get(best));
            String[] second = data.get(n * 2 + 1).stringValue().split(":", 3);
            assertThat(second[2]).isEqualTo(names.get(Integer.parseInt(second[1])));
        }
    }

    @Test
    void anMnistModelNamesDigits() {
        assertMetadata(models.trained(), "mnist", DIGITS);
        assertAnswerNamesDatasetAndClasses(models.trained(), "mnist", DIGITS);
    }

    @Test
    void aFashionModelNamesGarments() {
        assertMetadata(models.fashion(), "fashion-mnist", FASHION);
        assertAnswerNamesDatasetAndClasses(models.fashion(), "fashion-mnist", FASHION);
        assertClassification(models.fashion(), FASHION);
    }

    @Test
    void aModelOfAnUploadedDatasetNamesItsClasses() {
        assertThat(http.get("/datasets/" + UPLOADED).json().get("classNames").toString())
                .isEqualTo(json.writeValueAsString(UPLOADED_CLASSES));
        assertMetadata(models.uploaded(), UPLOADED, UPLOADED_CLASSES);
        assertAnswerNamesDatasetAndClasses(models.uploaded(), UPLOADED, UPLOADED_CLASSES);
        assertClassification(models.uploaded(), UPLOADED_CLASSES);
    }

    /**
     * The whole path: a job trains on the uploaded dataset (3 outputs), the model is stored and loaded back, and V2
     * answers with the names the job recorded. The model is deleted afterwards: it would otherwise be {@code latest}
     * for the other tests of this shared server.
     */
    @Test
    void aModelTrainedOnTheUploadedDatasetAnswersWithItsNames() {
        Http.Response job = http.postJson("/jobs", "{\"name\":\"v2-shapes-job\",\"dataset\":\"" + UPLOADED + "\","
                + "\"hiddenSize\":16,\"activation\":\"relu\",\"weightInit\":\"he\",\"batchSize\":10,\"epochs\":2,"
                + "\"seed\":5}");
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        String jobId = job.json().get("id").stringValue();
        JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> http.get("/jobs/" + jobId).json(),
                        j -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(j.get("status").stringValue()));
        assertThat(done.get("status").stringValue()).as(done.toString()).isEqualTo("SUCCEEDED");
        String modelId = done.get("modelId").stringValue();
        try {
            Http.Response metadata = http.get("/v2/models/" + modelId);
            assertThat(metadata.status()).as(metadata.body()).isEqualTo(200);
            assertThat(metadata.json().get("parameters").get("dataset").stringValue()).isEqualTo(UPLOADED);
            assertThat(strings(metadata.json().get("outputs").get(0).get("parameters").get("class_names")
                    .stringValue())).isEqualTo(UPLOADED_CLASSES);

            Http.Response answer = http.postJson("/v2/models/" + modelId + "/infer", inferBody(
                    ",\"outputs\":[{\"name\":\"probabilities\"},{\"name\":\"probabilities\","
                            + "\"parameters\":{\"classification\":3}}]"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode outputs = answer.json().get("outputs");
            assertThat(outputs.get(0).get("shape").toString()).isEqualTo("[" + images.length + ",3]");
            List<String> classes = strings(answer.json().get("parameters").get("class_names").stringValue());
            for (int n = 0; n < images.length; n++) {
                int best = 0;
                for (int k = 1; k < 3; k++) {
                    if (outputs.get(0).get("data").get(n * 3 + k).doubleValue()
                            > outputs.get(0).get("data").get(n * 3 + best).doubleValue()) {
                        best = k;
                    }
                }
                assertThat(classes.get(n)).isEqualTo(UPLOADED_CLASSES.get(best));
                assertThat(outputs.get(1).get("data").get(n * 3).stringValue())
                        .endsWith(":" + best + ":" + UPLOADED_CLASSES.get(best));
            }
        } finally {
            assertThat(http.delete("/models/" + modelId).status()).isEqualTo(204);
        }
    }

    /** Triton's binary classification output: length-prefixed "score:index:label" strings after the JSON header. */
    @Test
    void binaryClassificationUsesTheDatasetsNamesToo() {
        byte[] body = inferBody(",\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"classification\":1,"
                + "\"binary_data\":true}}]").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port, "POST /v2/models/" + models.fashion().id() + "/infer HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        int headerLength = Integer.parseInt(response.header("Inference-Header-Content-Length"));
        JsonNode head = json.readTree(Arrays.copyOf(response.body(), headerLength));
        assertThat(head.get("parameters").get("dataset").stringValue()).isEqualTo("fashion-mnist");
        ByteBuffer raw = ByteBuffer.wrap(response.body(), headerLength, response.body().length - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        List<String> expected = expectedClasses(models.fashion(), FASHION);
        for (int n = 0; n < images.length; n++) {
            byte[] value = new byte[raw.getInt()];
            raw.get(value);
            String[] parts = new String(value, StandardCharsets.UTF_8).split(":", 3);
            assertThat(parts[2]).isEqualTo(expected.get(n));
        }
        assertThat(raw.hasRemaining()).isFalse();
    }
}
