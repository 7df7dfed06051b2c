package io.digitnet.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.datasets.Dataset;
import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The models API over real HTTP (Tomcat), with the real MNIST test set for evaluations. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"digitnet.datasets.provision-at-startup=false", "management.endpoint.health.show-details=always"})
class ModelsIntegrationTests {

    private static final String SECRET = "TOP-SECRET-CONTENT";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) throws IOException {
        Files.writeString(root.resolve("secret.txt"), SECRET);
        Files.writeString(root.resolve("weights.npz"), SECRET);
        registry.add("digitnet.models.dir", () -> root.resolve("models").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    FileModelStore store;

    @Autowired
    DatasetCatalog datasets;

    @Autowired
    JsonMapper json;

    // --- path traversal: sent as raw bytes so that no client normalises the path first ---

    @Test
    void noRequestReadsOrWritesOutsideTheModelDirectory() throws IOException {
        String id = store.save(new ModelDraft("t", Activation.SIGMOID, "mnist", Map.of(), Map.of(), null),
                TestNetworks.parameters(2, 1)).id();
        List<String> requests = List.of(
                "GET /models/../secret.txt", "GET /models/..%2Fsecret.txt", "GET /models/%2e%2e/weights",
                "GET /models/%2e%2e%2fsecret.txt/weights", "GET /models/..%5Csecret.txt/weights",
                "GET /models/%2Fetc%2Fpasswd/weights", "GET /models//etc/passwd", "GET /models/..;/secret.txt",
                "GET /models/" + id + "%2F..%2F..%2Fsecret.txt/weights", "GET /models/" + id + "/../../secret.txt",
                "GET /models/%2e%2e/evaluation", "GET /models/%252e%252e/weights", "GET /models/.%2e/weights",
                "GET /models/%00/weights", "DELETE /models/%2e%2e", "DELETE /models/..%2F" + id,
                "PUT /models/%2e%2e/aliases/x", "PUT /models/" + id + "/aliases/..%2F..%2Fsecret",
                "PUT /models/" + id + "/aliases/%2e%2e", "DELETE /models/" + id + "/aliases/..");

        for (String request : requests) {
            String response = raw(request);
            int status = Integer.parseInt(response.substring(9, 12));
            assertThat(status).as(request + " → " + response.lines().findFirst().orElse("")).isIn(400, 404);
            assertThat(response).as(request).doesNotContain(SECRET);
        }
        assertThat(root.resolve("secret.txt")).hasContent(SECRET);
        assertThat(store.find(id)).isPresent();
        assertThat(root.resolve("models").resolve("aliases.json")).doesNotExist();
    }

    // --- import over HTTP, the way curl -F sends it ---

    @Test
    void importsAMultipartUploadWithMetadataAsAPlainFormField() throws IOException {
        String boundary = "----digitnet" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n"
                + "{\"name\":\"from-numpy\",\"activation\":\"relu\",\"dataset\":\"mnist\"}\r\n").getBytes());
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"weights\"; filename=\"w.npz\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes());
        body.writeBytes(TestNetworks.npz(3, 5));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());

        String response = raw("POST /models", "multipart/form-data; boundary=" + boundary, body.toByteArray());

        assertThat(response).startsWith("HTTP/1.1 201");
        JsonNode model = json.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(model.get("name").asString()).isEqualTo("from-numpy");
        assertThat(model.get("architecture").get("activation").asString()).isEqualTo("relu");
        assertThat(response).contains("Location: /models/" + model.get("id").asString());
    }

    // --- evaluation on the real MNIST test set ---

    @Test
    void evaluatesANearestCentroidNetworkOnTheMnistTestSetOnce() throws IOException {
        Dataset mnist = datasets.load("mnist");
        INDArray centroids = centroids(mnist); // [10, 784]
        String id = store.save(new ModelDraft("centroids", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                centroidNetwork(centroids)).id();
        int[][] reference = referenceConfusion(mnist, centroids);

        JsonNode evaluation = json.readTree(raw("GET /models/" + id + "/evaluation").split("\r\n\r\n", 2)[1]);

        assertThat(evaluation.get("modelId").asString()).isEqualTo(id);
        assertThat(evaluation.get("dataset").asString()).isEqualTo("mnist");
        assertThat(evaluation.get("samples").asInt()).isEqualTo(10_000);
        int[][] confusion = json.treeToValue(evaluation.get("confusionMatrix"), int[][].class);
        int differences = 0;
        int correct = 0;
        for (int a = 0; a < 10; a++) {
            assertThat(rowSum(confusion[a])).as("images of class " + a).isEqualTo(rowSum(reference[a]));
            correct += confusion[a][a];
            for (int p = 0; p < 10; p++) {
                differences += Math.abs(confusion[a][p] - reference[a][p]);
            }
        }
        assertThat(differences).as("float32 vs double near-ties only").isLessThanOrEqualTo(20);
        double accuracy = evaluation.get("accuracy").asDouble();
        assertThat(accuracy).isEqualTo(correct / 10_000.0).isBetween(0.75, 0.90); // nearest centroid: ~0.82
        JsonNode seven = evaluation.get("classes").get(7);
        assertThat(seven.get("label").asInt()).isEqualTo(7);
        assertThat(seven.get("support").asInt()).isEqualTo(rowSum(confusion[7]));
        assertThat(seven.get("recall").asDouble()).isCloseTo((double) confusion[7][7] / rowSum(confusion[7]),
                org.assertj.core.data.Offset.offset(1e-12));
        int predictedSeven = 0;
        for (int[] row : confusion) {
            predictedSeven += row[7];
        }
        assertThat(seven.get("precision").asDouble()).isCloseTo((double) confusion[7][7] / predictedSeven,
                org.assertj.core.data.Offset.offset(1e-12));

        Path stored = root.resolve("models").resolve(id).resolve("evaluation.json");
        assertThat(stored).exists();
        JsonNode again = json.readTree(raw("GET /models/" + id + "/evaluation").split("\r\n\r\n", 2)[1]);
        assertThat(again.get("evaluatedAt")).isEqualTo(evaluation.get("evaluatedAt")); // computed once, then read
    }

    @Test
    void aModelWithoutADatasetCannotBeEvaluated() throws IOException {
        String id = store.save(new ModelDraft("x", Activation.SIGMOID, null, Map.of(), Map.of(), null),
                TestNetworks.parameters(2, 1)).id();
        String response = raw("GET /models/" + id + "/evaluation");
        assertThat(response).startsWith("HTTP/1.1 409").contains("application/problem+json").contains("no dataset");
    }

    @Test
    void theModelStoreReportsItsHealth() throws IOException {
        JsonNode health = json.readTree(raw("GET /actuator/health/modelStore").split("\r\n\r\n", 2)[1]);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("models").asInt()).isEqualTo(store.list().size());
    }

    @Test
    void documentsEveryModelsEndpoint() throws IOException {
        JsonNode paths = json.readTree(raw("GET /v3/api-docs").split("\r\n\r\n", 2)[1]).get("paths");
        assertThat(paths.get("/models").has("get")).isTrue();
        assertThat(paths.get("/models").get("post").get("requestBody").get("content").has("multipart/form-data")).isTrue();
        assertThat(paths.get("/models/{id}").has("get")).isTrue();
        assertThat(paths.get("/models/{id}").get("delete").get("responses").has("409")).isTrue();
        assertThat(paths.get("/models/{id}/weights").has("get")).isTrue();
        assertThat(paths.get("/models/{id}/aliases/{alias}").has("put")).isTrue();
        assertThat(paths.get("/models/{id}/aliases/{alias}").has("delete")).isTrue();
        assertThat(paths.get("/models/{id}/evaluation").get("get").get("tags").get(0).asString()).isEqualTo("models");
    }

    private static INDArray centroids(Dataset dataset) {
        int[] labels = dataset.train().labels();
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, labels.length, 10); // [n, 10]
        double[] counts = new double[10];
        for (int i = 0; i < labels.length; i++) {
            oneHot.putScalar(i, labels[i], 1f);
            counts[labels[i]]++;
        }
        INDArray sums = oneHot.transpose().mmul(dataset.train().images()); // [10, 784]
        return sums.diviColumnVector(Nd4j.create(counts).castTo(DataType.FLOAT).reshape(10, 1));
    }

    /**
     * score_c = x·μ_c − ½|μ_c|² (nearest centroid), as W1 = μᵀ, b1 = −½|μ|² + 1000 (kept positive, so ReLU is the
     * identity), W2 = I, b2 = 0; the constant 1000 does not change the softmax.
     */
    private static Parameters centroidNetwork(INDArray centroids) {
        INDArray w1 = centroids.transpose().dup('c'); // [784, 10]
        INDArray b1 = centroids.mul(centroids).sum(1).muli(-0.5).addi(1000).reshape(10); // [10]
        return Parameters.of(w1, b1, Nd4j.eye(10).castTo(DataType.FLOAT), Nd4j.zeros(DataType.FLOAT, 10));
    }

    private static int[][] referenceConfusion(Dataset dataset, INDArray centroids) {
        float[] x = dataset.test().images().dup('c').data().asFloat(); // [n * 784]
        int[] labels = dataset.test().labels();
        double[][] mu = centroids.castTo(DataType.DOUBLE).toDoubleMatrix();
        int[][] confusion = new int[10][10];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 10; c++) {
                double score = 0;
                double norm = 0;
                for (int j = 0; j < 784; j++) {
                    score += x[i * 784 + j] * mu[c][j];
                    norm += mu[c][j] * mu[c][j];
                }
                score -= norm / 2;
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            confusion[labels[i]][best]++;
        }
        return confusion;
    }

    private static int rowSum(int[] row) {
        int sum = 0;
        for (int v : row) {
            sum += v;
        }
        return sum;
    }

    private String raw(String requestLine) throws IOException {
        return raw(requestLine, null, null);
    }

    /** One HTTP/1.1 exchange over a plain socket: the request target goes out exactly as written. */
    private String raw(String requestLine, String contentType, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
            } else if (requestLine.startsWith("PUT") || requestLine.startsWith("POST")) {
                head.append("Content-Length: 0\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            return dechunk(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Joins a chunked body so that JSON can be parsed from the text after the headers. */
    private static String dechunk(String response) {
        int split = response.indexOf("\r\n\r\n");
        if (split < 0 || !response.substring(0, split).toLowerCase().contains("transfer-encoding: chunked")) {
            return response;
        }
        String rest = response.substring(split + 4);
        StringBuilder body = new StringBuilder();
        while (true) {
            int lineEnd = rest.indexOf("\r\n");
            int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(rest, lineEnd + 2, lineEnd + 2 + size);
            rest = rest.substring(lineEnd + 2 + size + 2);
        }
        return response.substring(0, split + 4) + body;
    }
}
