package io.digitnet.inference.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.digitnet.inference.MnistTestImages;
import io.digitnet.inference.ReferenceNet;
import io.digitnet.inference.web.InferenceTestContext;
import io.digitnet.models.ModelRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code inference.GRPCInferenceService} through a real gRPC client that is not ours: Python's grpcio with stubs
 * generated from our .proto in this run. Every RPC, inference typed and raw, classification, the status codes, the
 * size limit and the metrics.
 */
class GrpcPythonClientIntegrationTests extends InferenceTestContext {

    private static final int N = 3;

    @Autowired
    GrpcInferenceServer server;
    @Autowired
    ModelRegistry registry;

    JsonNode out;
    JsonNode classes;
    float[][] images;

    @BeforeAll
    void callEveryRpc() throws IOException {
        registry.moveAlias(models.sigmoid().id(), "grpc-staging");
        Path dir = Files.createDirectories(Path.of("target", "grpc-python-tests"));
        PythonGrpc python = PythonGrpc.generateStubs(Files.createTempDirectory(dir, "stubs"));
        images = MnistTestImages.unit(N);
        ByteBuffer raw = ByteBuffer.allocate(N * 784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] image : images) {
            for (float v : image) {
                raw.putFloat(v);
            }
        }
        Path imagesFile = Files.write(Files.createTempFile(dir, "images", ".f32"), raw.array());
        out = json.readTree(python.client(Integer.toString(server.port()), models.trained().id(), "grpc-staging",
                models.relu().id(), imagesFile.toString(), Integer.toString(N)));
        classes = json.readTree(python.client(Integer.toString(server.port()), models.fashion().id(),
                models.uploaded().id(), models.relu().id(), imagesFile.toString(), Integer.toString(N), "classes"));
    }

    private List<String> strings(String jsonArray) {
        List<String> values = new ArrayList<>();
        json.readTree(jsonArray).forEach(node -> values.add(node.stringValue()));
        return values;
    }

    /** The class of each image by the reference computation, named as {@code names} name them. */
    private List<String> expectedClasses(ReferenceNet reference, List<String> names) {
        List<String> expected = new ArrayList<>();
        for (float[] image : images) {
            expected.add(names.get(ReferenceNet.argMax(reference.probabilities(image))));
        }
        return expected;
    }

    private void assertProbabilities(JsonNode tensor, ReferenceNet reference) {
        assertThat(tensor.get("datatype").stringValue()).isEqualTo("FP32");
        assertThat(tensor.get("shape").toString()).isEqualTo("[" + N + ",10]");
        JsonNode data = tensor.get("data");
        assertThat(data.size()).isEqualTo(N * 10);
        for (int n = 0; n < N; n++) {
            double[] expected = reference.probabilities(images[n]);
            for (int k = 0; k < 10; k++) {
                assertThat(data.get(n * 10 + k).doubleValue()).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    @Test
    void healthAndServerMetadata() {
        assertThat(out.get("live").booleanValue()).isTrue();
        assertThat(out.get("ready").booleanValue()).isTrue();
        assertThat(out.get("server").get("name").stringValue()).isEqualTo("digitnet");
        assertThat(out.get("server").get("extensions").toString())
                .isEqualTo("[\"binary_tensor_data\",\"classification\"]");
        assertThat(out.get("model_ready").booleanValue()).isTrue();
        assertThat(out.get("model_ready_version").booleanValue()).isTrue();
    }

    @Test
    void modelMetadata() {
        JsonNode metadata = out.get("model_metadata");
        assertThat(metadata.get("name").stringValue()).isEqualTo("grpc-staging");
        assertThat(metadata.get("versions").get(0).stringValue()).isEqualTo(models.sigmoid().id());
        assertThat(metadata.get("inputs").toString())
                .isEqualTo("[{\"name\":\"pixels\",\"datatype\":\"FP32\",\"shape\":[-1,784]}]");
        assertThat(metadata.get("outputs").toString())
                .isEqualTo("[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,10]}]");
        assertThat(metadata.get("parameters").get("dataset").stringValue()).isEqualTo("mnist");
        assertThat(strings(metadata.get("output_parameters").get("class_names").stringValue()))
                .isEqualTo(DIGITS);
    }

    @Test
    void answersNameTheDatasetAndTheClassOfEachImage() {
        JsonNode parameters = out.get("typed").get("parameters");
        assertThat(parameters.get("dataset").stringValue()).isEqualTo("mnist");
        assertThat(strings(parameters.get("class_names").stringValue()))
                .isEqualTo(expectedClasses(models.sigmoid().reference(), DIGITS));
    }

    @Test
    void fashionAndUploadedModelsAnswerWithTheirDatasetsClassNames() {
        assertClassNames(classes.get(models.fashion().id()), models.fashion(), "fashion-mnist",
                FASHION);
        assertClassNames(classes.get(models.uploaded().id()), models.uploaded(), UPLOADED, UPLOADED_CLASSES);
    }

    private void assertClassNames(JsonNode answers, Model model, String dataset, List<String> names) {
        assertThat(answers.get("metadata_parameters").get("dataset").stringValue()).isEqualTo(dataset);
        assertThat(strings(answers.get("output_parameters").get("class_names").stringValue())).isEqualTo(names);
        assertThat(answers.get("output_shape").toString()).isEqualTo("[-1," + names.size() + "]");
        List<String> expected = expectedClasses(model.reference(), names);
        for (String form : List.of("typed_parameters", "raw_parameters")) {
            assertThat(answers.get(form).get("dataset").stringValue()).isEqualTo(dataset);
            assertThat(strings(answers.get(form).get("class_names").stringValue())).isEqualTo(expected);
        }
        JsonNode top3 = answers.get("typed").get("outputs").get(1);
        assertThat(top3.get("datatype").stringValue()).isEqualTo("BYTES");
        JsonNode top2 = answers.get("raw").get("outputs").get(0);
        assertThat(top2.get("form").stringValue()).isEqualTo("raw");
        for (int n = 0; n < N; n++) {
            int best = ReferenceNet.argMax(model.reference().probabilities(images[n]));
            String suffix = ":" + best + ":" + names.get(best);
            assertThat(top3.get("data").get(n * 3).stringValue()).endsWith(suffix);
            assertThat(top2.get("data").get(n * 2).stringValue()).endsWith(suffix);
        }
    }

    @Test
    void typedInferenceAnswersTyped() {
        JsonNode typed = out.get("typed");
        assertThat(typed.get("model_name").stringValue()).isEqualTo("grpc-staging");
        assertThat(typed.get("model_version").stringValue()).isEqualTo(models.sigmoid().id());
        assertThat(typed.get("id").stringValue()).isEqualTo("py-1");
        assertThat(typed.get("outputs").get(0).get("form").stringValue()).isEqualTo("typed");
        assertProbabilities(typed.get("outputs").get(0), models.sigmoid().reference());
    }

    @Test
    void rawInferenceAnswersRaw() {
        JsonNode raw = out.get("raw");
        assertThat(raw.get("model_version").stringValue()).isEqualTo(models.sigmoid().id());
        assertThat(raw.get("outputs").get(0).get("form").stringValue()).isEqualTo("raw");
        assertProbabilities(raw.get("outputs").get(0), models.sigmoid().reference());
        assertProbabilities(out.get("byte_range").get("outputs").get(0), models.trained().reference());
    }

    @Test
    void classificationTypedAndRaw() {
        JsonNode typed = out.get("typed_classification").get("outputs").get(0);
        assertThat(typed.get("datatype").stringValue()).isEqualTo("BYTES");
        assertThat(typed.get("shape").toString()).isEqualTo("[" + N + ",3]");
        JsonNode raw = out.get("raw_classification").get("outputs");
        assertThat(raw.get(0).get("form").stringValue()).isEqualTo("raw");
        assertThat(raw.get(0).get("shape").toString()).isEqualTo("[" + N + ",2]");
        assertProbabilities(raw.get(1), models.trained().reference()); // a second output, raw FP32, in order
        for (int n = 0; n < N; n++) {
            int best = ReferenceNet.argMax(models.trained().reference().probabilities(images[n]));
            assertThat(typed.get("data").get(n * 3).stringValue()).endsWith(":" + best + ":" + best);
            assertThat(raw.get(0).get("data").get(n * 2).stringValue()).endsWith(":" + best + ":" + best);
        }
    }

    @Test
    void errorsAreStatusCodes() {
        JsonNode errors = out.get("errors");
        assertThat(errors.get("unknown_model").get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(errors.get("unknown_alias_ready").get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(errors.get("unknown_metadata").get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(errors.get("wrong_version").get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(errors.get("wrong_version").get("message").stringValue()).contains(models.relu().id());
        assertThat(errors.get("bad_shape").get("code").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(errors.get("bad_shape").get("message").stringValue()).contains("shape [N, 784]");
        assertThat(errors.get("bad_datatype").get("code").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(errors.get("bad_datatype").get("message").stringValue()).contains("FP32");
        assertThat(errors.get("short_data").get("code").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(errors.get("raw_not_multiple_of_4").get("code").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(errors.get("unknown_output").get("code").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(errors.get("too_large").get("code").stringValue()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void metricsCountTheCalls() throws Exception {
        HttpResponse<String> prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.body())
                .containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*method=\"ModelInfer\"[^}]*"
                        + "statusCode=\"OK\"[^}]*} [1-9]")
                .containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*method=\"ModelInfer\"[^}]*"
                        + "statusCode=\"NOT_FOUND\"")
                .contains("grpc_server_processing_duration_seconds_bucket");
    }
}
