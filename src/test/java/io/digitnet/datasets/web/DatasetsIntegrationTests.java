package io.digitnet.datasets.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of datasets on the real MNIST and Fashion-MNIST: listing, class names, images as JSON and PNG, and
 * which model answers a prediction when several datasets have models.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "digitnet.datasets.provision-at-startup=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetsIntegrationTests {

    static final Path SAMPLE = Path.of("docs", "samples", "seven.png");
    static final Path DATA = DatasetTestStores.create("datasets-read");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        DatasetTestStores.register(registry, DATA);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    ModelStore store;

    Client http;
    String mnistModel;
    String fashionModel;
    String pixels7;

    @BeforeAll
    void setUp() {
        http = new Client(port, json);
        mnistModel = save("digits", "mnist", 1).id();
        fashionModel = save("clothes", "fashion-mnist", 2).id(); // the newest model: what 'latest' names
        JsonNode seven = http.get("/datasets/mnist/images/test/0").json();
        pixels7 = seven.get("pixels").toString();
    }

    private ModelMetadata save(String name, String dataset, long seed) {
        return store.save(new ModelDraft(name, Activation.RELU, dataset, Map.of(), Map.of(), null),
                Parameters.initialize(784, 16, 10, WeightInit.HE, seed, DataType.FLOAT));
    }

    @Test
    void listsTheBuiltInDatasetsWithClassNamesSizesCountsAndChecksums() {
        Client.Response response = http.get("/datasets");
        assertThat(response.status()).isEqualTo(200);
        JsonNode mnist = response.json().get(0);
        JsonNode fashion = response.json().get(1);
        assertThat(mnist.get("name").asString()).isEqualTo("mnist");
        assertThat(mnist.get("status").asString()).isEqualTo("ready");
        assertThat(mnist.get("source").get("kind").asString()).isEqualTo("built-in");
        assertThat(strings(mnist.get("classNames"))).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(mnist.get("trainSize").asInt()).isEqualTo(60_000);
        assertThat(mnist.get("testSize").asInt()).isEqualTo(10_000);
        assertThat(mnist.get("testCounts").get(7).asInt()).isEqualTo(1028); // MNIST's test set has 1,028 sevens
        assertThat(mnist.get("sha256").get("t10k-images-idx3-ubyte").asString())
                .isEqualTo("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
        assertThat(fashion.get("name").asString()).isEqualTo("fashion-mnist");
        assertThat(strings(fashion.get("classNames"))).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress",
                "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        assertThat(fashion.get("trainCounts").get(0).asInt()).isEqualTo(6000);

        assertThat(http.get("/datasets/fashion-mnist").json().get("testSize").asInt()).isEqualTo(10_000);
    }

    @Test
    void anImageAsJsonNamesItsClass() {
        JsonNode seven = http.get("/datasets/mnist/images/test/0").json();
        assertThat(seven.get("label").asInt()).isEqualTo(7);
        assertThat(seven.get("className").asString()).isEqualTo("7");
        assertThat(seven.get("pixels").size()).isEqualTo(784);
        JsonNode boot = http.get("/datasets/fashion-mnist/images/test/0").json();
        assertThat(boot.get("label").asInt()).isEqualTo(9);
        assertThat(boot.get("className").asString()).isEqualTo("Ankle boot");
    }

    @Test
    void anImageAsPngHasTheSamePixels() throws IOException {
        Client.Response png = http.get("/datasets/mnist/images/train/0", "image/png");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.header("Vary")).as("JSON and PNG share the URL").contains("Accept");
        assertThat(http.get("/datasets/mnist/images/train/0").header("Vary")).contains("Accept");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertThat(image.getWidth()).isEqualTo(28);
        assertThat(image.getHeight()).isEqualTo(28);
        JsonNode pixels = http.get("/datasets/mnist/images/train/0").json().get("pixels");
        for (int i = 0; i < 784; i++) {
            int gray = image.getRaster().getSample(i % 28, i / 28, 0);
            assertThat(gray).isEqualTo(Math.round(pixels.get(i).floatValue() * 255f));
        }
    }

    /** The README's tour posts docs/samples/seven.png to /predict/image: it is this service's own PNG of a real 7. */
    @Test
    void theReadmeSampleIsTheFirstMnistTestImageAsThisEndpointWritesIt() throws IOException {
        Client.Response png = http.get("/datasets/mnist/images/test/0", "image/png");
        assertThat(png.status()).isEqualTo(200);
        assertThat(Files.readAllBytes(SAMPLE)).isEqualTo(png.bytes());
    }

    @Test
    void missingDatasetsImagesAndSplitsAreProblems() {
        Client.Response unknown = http.get("/datasets/emnist");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).contains("emnist");
        Client.Response outside = http.get("/datasets/mnist/images/test/10000", "image/png");
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.json().get("detail").asString()).contains("10000").contains("0..9999");
        Client.Response split = http.get("/datasets/mnist/images/validation/0");
        assertThat(split.status()).isEqualTo(400);
        assertThat(split.json().get("errors").get(0).get("field").asString()).isEqualTo("split");
    }

    @Test
    void samplesPerClassAreIndicesWithClassNames() {
        JsonNode samples = http.get("/datasets/fashion-mnist/samples?perClass=3").json();
        assertThat(samples.size()).isEqualTo(10);
        assertThat(samples.get(9).get("className").asString()).isEqualTo("Ankle boot");
        for (JsonNode index : samples.get(9).get("indices")) {
            assertThat(http.get("/datasets/fashion-mnist/images/test/" + index.asInt()).json().get("label").asInt())
                    .isEqualTo(9);
        }
    }

    @Test
    void aRequestNamingNeitherModelNorDatasetGetsTheNewestMnistModelNeverTheNewerClothesModel() {
        JsonNode answer = http.postJson("/predict", "{\"pixels\":" + pixels7 + "}").json();
        assertThat(answer.get("model").asString()).isEqualTo(mnistModel);
        assertThat(answer.get("dataset").asString()).isEqualTo("mnist");
        assertThat(answer.get("className").asString()).isEqualTo(answer.get("label").asString());
    }

    @Test
    void aDatasetWithoutAModelGetsThatDatasetsNewestModelAndItsClassNames() {
        JsonNode answer = http.postJson("/predict", "{\"dataset\":\"fashion-mnist\",\"pixels\":" + pixels7 + "}").json();
        assertThat(answer.get("model").asString()).isEqualTo(fashionModel);
        assertThat(answer.get("dataset").asString()).isEqualTo("fashion-mnist");
        assertThat(answer.get("className").asString()).isIn("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        JsonNode batch = http.postJson("/predict", "{\"dataset\":\"fashion-mnist\",\"instances\":[" + pixels7 + ","
                + pixels7 + "]}").json();
        assertThat(batch.get("dataset").asString()).isEqualTo("fashion-mnist");
        assertThat(batch.get("predictions").get(1).get("className").asString()).isNotBlank();
    }

    @Test
    void latestIsTheNewestModelOfAnyDatasetAndTheAnswerSaysWhichDataset() {
        JsonNode answer = http.postJson("/predict", "{\"model\":\"latest\",\"pixels\":" + pixels7 + "}").json();
        assertThat(answer.get("model").asString()).isEqualTo(fashionModel);
        assertThat(answer.get("dataset").asString()).isEqualTo("fashion-mnist");
        JsonNode scoped = http.postJson("/predict", "{\"model\":\"latest\",\"dataset\":\"mnist\",\"pixels\":"
                + pixels7 + "}").json();
        assertThat(scoped.get("model").asString()).isEqualTo(mnistModel);
    }

    @Test
    void aModelOfAnotherDatasetThanTheOneNamedIsRefused() {
        Client.Response mismatch = http.postJson("/predict", "{\"model\":\"" + fashionModel
                + "\",\"dataset\":\"mnist\",\"pixels\":" + pixels7 + "}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("detail").asString()).contains("fashion-mnist").contains("mnist");
        assertThat(mismatch.json().get("errors").get(0).get("field").asString()).isEqualTo("dataset");
        Client.Response unknown = http.postJson("/predict", "{\"dataset\":\"emnist\",\"pixels\":" + pixels7 + "}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("emnist");
    }

    @Test
    void modelsRecordTheirDatasetAndClassNames() {
        JsonNode model = http.get("/models/" + fashionModel).json();
        assertThat(model.get("dataset").asString()).isEqualTo("fashion-mnist");
        assertThat(strings(model.get("classNames"))).startsWith("T-shirt/top", "Trouser");
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
