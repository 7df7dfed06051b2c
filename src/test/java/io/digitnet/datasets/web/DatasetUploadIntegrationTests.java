package io.digitnet.datasets.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.DigitnetApplication;
import io.digitnet.datasets.web.Client.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads on real data: a Kaggle-style CSV of MNIST digits trained to a useful accuracy and predicted with its class
 * names, a zip of PNG/JPEG folders, IDX files as parts and zipped, every bad upload answered 400 with nothing left
 * behind, the delete rules, and a restart that finds the datasets and their held-out splits unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "digitnet.datasets.provision-at-startup=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetUploadIntegrationTests {

    static final Path DATA = DatasetTestStores.create("datasets-upload");
    static final List<String> NAMES = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        DatasetTestStores.register(registry, DATA);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    Client http;
    RealData digits;

    @BeforeAll
    void setUp() {
        http = new Client(port, json);
        digits = RealData.first("mnist", "train", 6000);
    }

    private Client.Response upload(byte[] file, String fileName, String metadata) {
        return metadata == null ? http.upload("/datasets", Part.file("file", fileName, file))
                : http.upload("/datasets", Part.file("file", fileName, file), Part.field("metadata", metadata));
    }

    @Test
    void aKaggleCsvIsTrainedToAUsefulAccuracyAndPredictedWithItsClassNames() {
        Client.Response created = upload(digits.csv(), "train.csv",
                "{\"name\":\"kaggle-digits\",\"classNames\":" + json.writeValueAsString(NAMES) + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/datasets/kaggle-digits");
        JsonNode dataset = created.json();
        assertThat(dataset.get("status").asString()).isEqualTo("ready");
        assertThat(dataset.get("source").get("format").asString()).isEqualTo("csv");
        assertThat(dataset.get("source").get("file").asString()).isEqualTo("train.csv");
        assertThat(dataset.get("trainSize").asInt() + dataset.get("testSize").asInt()).isEqualTo(6000);
        // stratified: a sixth of each class is held out
        int[] all = new int[10];
        for (int label : digits.labels) {
            all[label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertThat(dataset.get("testCounts").get(c).asInt()).isEqualTo(Math.round(all[c] / 6f));
        }
        assertThat(dataset.get("classNames").get(7).asString()).isEqualTo("seven");

        Client.Response job = http.postJson("/jobs", "{\"dataset\":\"kaggle-digits\",\"hiddenSize\":64,"
                + "\"activation\":\"relu\",\"weightInit\":\"he\",\"learningRate\":0.1,\"epochs\":8,\"seed\":3}");
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        String jobId = job.json().get("id").asString();
        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/jobs/" + jobId).json(),
                        j -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(j.get("status").asString()));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        String modelId = done.get("modelId").asString();
        JsonNode model = http.get("/models/" + modelId).json();
        assertThat(model.get("dataset").asString()).isEqualTo("kaggle-digits");
        assertThat(model.get("architecture").get("outputSize").asInt()).isEqualTo(10);
        assertThat(model.get("classNames").get(7).asString()).isEqualTo("seven");
        assertThat(model.get("metrics").get("testAccuracy").asDouble()).isGreaterThan(0.85);

        String seven = http.get("/datasets/mnist/images/test/0").json().get("pixels").toString();
        JsonNode answer = http.postJson("/predict", "{\"dataset\":\"kaggle-digits\",\"pixels\":" + seven + "}").json();
        assertThat(answer.get("model").asString()).isEqualTo(modelId);
        assertThat(answer.get("dataset").asString()).isEqualTo("kaggle-digits");
        assertThat(answer.get("className").asString()).isEqualTo("seven");
        JsonNode evaluation = http.get("/models/" + modelId + "/evaluation").json();
        assertThat(evaluation.get("classes").get(7).get("className").asString()).isEqualTo("seven");

        // a request naming nothing still never gets this model: it is not an MNIST model
        Client.Response plain = http.postJson("/predict", "{\"pixels\":" + seven + "}");
        if (plain.status() == 200) {
            assertThat(plain.json().get("dataset").asString()).isEqualTo("mnist");
        } else {
            assertThat(plain.status()).isEqualTo(404);
        }
    }

    @Test
    void aZipOfImageFoldersIsConvertedWithFolderNamesAsClasses() {
        RealData clothes = RealData.first("fashion-mnist", "train", 400);
        Map<String, byte[]> entries = Zips.entries();
        int[] taken = new int[10];
        for (int i = 0; i < clothes.size(); i++) {
            int label = clothes.labels[i];
            String folder = label == 7 ? "sneaker" : label == 5 ? "sandal" : label == 9 ? "boot" : null;
            if (folder == null || taken[label]++ >= 24) {
                continue;
            }
            String split = taken[label] <= 18 ? "train" : "test";
            boolean photo = taken[label] % 3 == 0;
            entries.put("shoes/" + split + "/" + folder + "/" + i + (photo ? ".jpg" : ".png"),
                    photo ? Zips.photoJpeg(clothes, i) : Zips.grayPng(clothes, i));
        }
        entries.put("shoes/README.txt", "three kinds of shoes".getBytes(StandardCharsets.UTF_8));
        entries.put("__MACOSX/shoes/._README.txt", new byte[] {1, 2, 3});
        Client.Response created = upload(Zips.zip(entries), "Shoes.zip", null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode dataset = created.json();
        assertThat(dataset.get("name").asString()).isEqualTo("shoes");
        assertThat(dataset.get("source").get("format").asString()).isEqualTo("image-folders");
        assertThat(dataset.get("classNames").valueStream().map(JsonNode::asString)).containsExactly("boot", "sandal",
                "sneaker");
        assertThat(dataset.get("trainSize").asInt()).isEqualTo(54);
        assertThat(dataset.get("testSize").asInt()).isEqualTo(18);
        JsonNode first = http.get("/datasets/shoes/images/train/0").json();
        assertThat(first.get("pixels").size()).isEqualTo(784);
        assertThat(first.get("className").asString()).isIn("boot", "sandal", "sneaker");
    }

    @Test
    void idxFilesAsPartsOrZippedBecomeDatasets() {
        RealData train = RealData.first("mnist", "train", 1200);
        RealData test = RealData.first("mnist", "t10k", 200);
        Client.Response parts = http.upload("/datasets",
                Part.file("train-images", "train-images-idx3-ubyte.gz", RealData.gzip(train.idxImages())),
                Part.file("train-labels", "train-labels-idx1-ubyte", train.idxLabels()),
                Part.file("test-images", "t10k-images-idx3-ubyte", test.idxImages()),
                Part.file("test-labels", "t10k-labels-idx1-ubyte.gz", RealData.gzip(test.idxLabels())),
                Part.field("metadata", "{\"name\":\"idx-parts\"}"));
        assertThat(parts.status()).as(parts.body()).isEqualTo(201);
        assertThat(parts.json().get("trainSize").asInt()).isEqualTo(1200);
        assertThat(parts.json().get("testSize").asInt()).isEqualTo(200);
        assertThat(parts.json().get("classNames").size()).isEqualTo(10);
        JsonNode image = http.get("/datasets/idx-parts/images/test/0").json();
        assertThat(image.get("label").asInt()).isEqualTo(7);

        Map<String, byte[]> entries = Zips.entries();
        entries.put("emnist/emnist-train-images-idx3-ubyte.gz", RealData.gzip(train.idxImages()));
        entries.put("emnist/emnist-train-labels-idx1-ubyte.gz", RealData.gzip(train.idxLabels()));
        Client.Response zipped = upload(Zips.zip(entries), "emnist-idx.zip", "{\"name\":\"idx-zip\"}");
        assertThat(zipped.status()).as(zipped.body()).isEqualTo(201);
        assertThat(zipped.json().get("source").get("format").asString()).isEqualTo("idx");
        assertThat(zipped.json().get("trainSize").asInt() + zipped.json().get("testSize").asInt()).isEqualTo(1200);
    }

    @Test
    void everyBadUploadIsA400NamingWhereAndWhyAndLeavesNothingBehind() throws IOException {
        String header = "label," + String.join(",", Stream.iterate(0, i -> i + 1).limit(784).map(i -> "pixel" + i)
                .toList()) + "\n";
        String good = "3" + ",0".repeat(784) + "\n";
        String other = "4" + ",0".repeat(784) + "\n";
        assertBad(header + good + other + "5" + ",0".repeat(700) + "\n", null, "line 4 has 701 columns");
        assertBad(header + good + "5" + ",0".repeat(10) + ",x1" + ",0".repeat(773) + "\n", null,
                "line 3, column 12 (pixel 11): 'x1' is not a whole number");
        assertBad(header + good + "5" + ",0".repeat(20) + ",300" + ",0".repeat(763) + "\n", null,
                "line 3, column 22: pixel value 300 is outside 0..255");
        assertBad(good + other + "2" + ",0".repeat(784) + "\n", "{\"name\":\"bad\",\"classNames\":[\"a\",\"b\"]}",
                "line 1: label 3 is outside classNames (0..1)");
        assertBad((good).repeat(12), null, "one class");
        assertBad(",0".repeat(783).substring(1) + ",0\n", null, "784 columns");
        assertBadZip(Map.of("train/a/1.png", "not an image".getBytes(StandardCharsets.UTF_8),
                "train/b/1.png", Zips.grayPng(digits, 0)), "entry 'train/a/1.png'");
        assertBadZip(Map.of("train/a/../../evil.png", Zips.grayPng(digits, 0),
                "train/b/1.png", Zips.grayPng(digits, 1)), "escapes its folder");
        // a duplicate name: a built-in dataset's, then an uploaded one's
        Client.Response builtIn = upload((good + other).getBytes(StandardCharsets.US_ASCII), "x.csv",
                "{\"name\":\"mnist\"}");
        assertThat(builtIn.status()).isEqualTo(400);
        assertThat(builtIn.json().get("detail").asString()).contains("already exists");
        String csv = header + (good + other).repeat(6);
        assertThat(upload(csv.getBytes(StandardCharsets.US_ASCII), "twice.csv", null).status()).isEqualTo(201);
        Client.Response again = upload(csv.getBytes(StandardCharsets.US_ASCII), "twice.csv", null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(http.get("/datasets/twice").json().get("trainSize").asInt()).isEqualTo(10);
    }

    private void assertBad(String csv, String metadata, String expected) throws IOException {
        Client.Response response = upload(csv.getBytes(StandardCharsets.US_ASCII), "bad.csv",
                metadata == null ? "{\"name\":\"bad\"}" : metadata);
        assertRefused(response, expected);
    }

    private void assertBadZip(Map<String, byte[]> entries, String expected) throws IOException {
        assertRefused(upload(Zips.zip(entries), "bad.zip", "{\"name\":\"bad\"}"), expected);
    }

    private void assertRefused(Client.Response response, String expected) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains(expected);
        String field = response.json().get("errors").get(0).get("field").asString();
        assertThat(response.json().get("detail").asString()).as("the part is named once")
                .doesNotContain(field + ": " + field + ":");
        assertThat(http.get("/datasets/bad").status()).isEqualTo(404);
        assertThat(http.get("/datasets").json().valueStream().map(d -> d.get("name").asString())).doesNotContain("bad");
        try (Stream<Path> left = Files.list(DATA.resolve("uploads"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.equals("bad") || n.startsWith("."));
        }
    }

    @Test
    void deletingIsRefusedForBuiltInsAndAliasedModelsAndOtherwiseRemovesEverything() {
        String csv = new String(RealData.first("mnist", "train", 120).csv(), StandardCharsets.US_ASCII);
        assertThat(upload(csv.getBytes(StandardCharsets.US_ASCII), "doomed.csv", null).status()).isEqualTo(201);
        Client.Response builtIn = http.delete("/datasets/mnist");
        assertThat(builtIn.status()).isEqualTo(409);
        assertThat(builtIn.json().get("detail").asString()).contains("built-in");
        Client.Response noModel = http.postJson("/predict", "{\"dataset\":\"doomed\",\"pixels\":["
                + "0,".repeat(783) + "0]}");
        assertThat(noModel.status()).isEqualTo(404);
        assertThat(noModel.json().get("detail").asString()).contains("doomed");

        Client.Response job = http.postJson("/jobs", "{\"dataset\":\"doomed\",\"hiddenSize\":8,\"epochs\":1,"
                + "\"batchSize\":10,\"seed\":1}");
        String jobId = job.json().get("id").asString();
        String modelId = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> http.get("/jobs/" + jobId).json(), j -> j.get("modelId") != null
                        && !j.get("modelId").isNull()).get("modelId").asString();
        assertThat(http.put("/models/" + modelId + "/aliases/doomed-prod").status()).isEqualTo(200);
        Client.Response aliased = http.delete("/datasets/doomed");
        assertThat(aliased.status()).isEqualTo(409);
        assertThat(aliased.json().get("detail").asString()).contains(modelId).contains("doomed-prod");

        assertThat(http.delete("/models/" + modelId + "/aliases/doomed-prod").status()).isEqualTo(204);
        assertThat(http.delete("/datasets/doomed").status()).isEqualTo(204);
        assertThat(http.get("/datasets/doomed").status()).isEqualTo(404);
        assertThat(Files.exists(DATA.resolve("uploads").resolve("doomed"))).isFalse();
        assertThat(http.delete("/datasets/doomed").status()).isEqualTo(404);
    }

    @Test
    void afterARestartUploadedDatasetsAndTheirHeldOutSplitsAreUnchanged() {
        String csv = new String(RealData.first("mnist", "train", 300).csv(), StandardCharsets.US_ASCII);
        assertThat(upload(csv.getBytes(StandardCharsets.US_ASCII), "kept.csv", null).status()).isEqualTo(201);
        JsonNode before = http.get("/datasets/kept").json();
        JsonNode testImage = http.get("/datasets/kept/images/test/3").json();
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(DigitnetApplication.class)
                .properties("server.port=0", "digitnet.datasets.provision-at-startup=false",
                        "digitnet.models.dir=" + DATA.resolve("models-restart"),
                        "digitnet.jobs.dir=" + DATA.resolve("jobs-restart"),
                        "digitnet.datasets.uploads.dir=" + DATA.resolve("uploads"))
                .run()) {
            int port = ((WebServerApplicationContext) restarted).getWebServer().getPort();
            Client other = new Client(port, json);
            JsonNode after = other.get("/datasets/kept").json();
            assertThat(after.get("sha256")).isEqualTo(before.get("sha256"));
            assertThat(after.get("testCounts")).isEqualTo(before.get("testCounts"));
            assertThat(other.get("/datasets/kept/images/test/3").json()).isEqualTo(testImage);
        }
        // the same file uploaded again under another name holds out the very same images
        assertThat(upload(csv.getBytes(StandardCharsets.US_ASCII), "kept-again.csv", null).status()).isEqualTo(201);
        JsonNode again = http.get("/datasets/kept-again").json();
        assertThat(again.get("sha256")).isEqualTo(before.get("sha256"));
    }
}
