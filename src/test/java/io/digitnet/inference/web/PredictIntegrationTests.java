package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.digitnet.inference.DigitDrawings;
import io.digitnet.datasets.ImageDecoder;
import io.digitnet.datasets.MnistPreprocessor;
import io.digitnet.inference.MnistTestImages;
import io.digitnet.inference.ReferenceNet;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class PredictIntegrationTests extends InferenceTestContext {

    private static final float TOLERANCE = 1e-5f;

    private static String zeros(int count) {
        return String.join(",", Collections.nCopies(count, "0"));
    }

    private static String pixelsBody(float[] pixels, String model) {
        return "{\"model\":\"" + model + "\",\"pixels\":" + Http.array(pixels) + "}";
    }

    private static void assertCloseToReference(JsonNode probabilities, double[] reference) {
        assertThat(probabilities.size()).isEqualTo(10);
        double sum = 0;
        for (int k = 0; k < 10; k++) {
            assertThat(probabilities.get(k).doubleValue()).as("class %d", k).isCloseTo(reference[k], within(1e-5));
            sum += probabilities.get(k).doubleValue();
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "relu"})
    void singleImageMatchesTheDoublePrecisionReference(String which) {
        Model model = which.equals("sigmoid") ? models.sigmoid() : models.relu();
        float[][] images = MnistTestImages.unit(20);
        for (float[] image : images) {
            Http.Response response = http.postJson("/predict", pixelsBody(image, model.id()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("model").stringValue()).isEqualTo(model.id());
            double[] reference = model.reference().probabilities(image);
            assertCloseToReference(response.json().get("probabilities"), reference);
            int label = response.json().get("label").intValue();
            assertThat(reference[label]).isCloseTo(reference[ReferenceNet.argMax(reference)], within(1e-5));
        }
    }

    @Test
    void batchIsOneAnswerPerInstanceMatchingTheReference() {
        int[][] bytes = MnistTestImages.bytes(100);
        StringBuilder body = new StringBuilder("{\"model\":\"" + models.relu().id() + "\",\"pixelRange\":\"byte\",")
                .append("\"instances\":[");
        for (int n = 0; n < bytes.length; n++) {
            body.append(n > 0 ? "," : "").append(Http.array(bytes[n]));
        }
        Http.Response response = http.postJson("/predict", body.append("]}").toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("model").stringValue()).isEqualTo(models.relu().id());
        JsonNode predictions = response.json().get("predictions");
        assertThat(predictions.size()).isEqualTo(100);
        float[][] unit = MnistTestImages.unit(100);
        for (int n = 0; n < 100; n++) {
            double[] reference = models.relu().reference().probabilities(unit[n]);
            assertCloseToReference(predictions.get(n).get("probabilities"), reference);
            int label = predictions.get(n).get("label").intValue();
            assertThat(reference[label]).isCloseTo(reference[ReferenceNet.argMax(reference)], within(1e-5));
        }
    }

    @Test
    void withoutAModelTheNewestOneAnswersAndItRecognisesDigits() {
        float[][] images = MnistTestImages.unit(200);
        int[] labels = MnistTestImages.labels(200);
        StringBuilder body = new StringBuilder("{\"instances\":[");
        for (int n = 0; n < images.length; n++) {
            body.append(n > 0 ? "," : "").append(Http.array(images[n]));
        }
        Http.Response response = http.postJson("/predict", body.append("]}").toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("model").stringValue()).isEqualTo(models.trained().id());
        int correct = 0;
        for (int n = 0; n < labels.length; n++) {
            JsonNode prediction = response.json().get("predictions").get(n);
            assertCloseToReference(prediction.get("probabilities"), models.trained().reference().probabilities(images[n]));
            correct += prediction.get("label").intValue() == labels[n] ? 1 : 0;
        }
        assertThat(correct / 200.0).isGreaterThan(0.85);
    }

    static Stream<Arguments> badBodies() {
        String image = "[" + zeros(784) + "]";
        return Stream.of(
                Arguments.of("{\"pixels\":[" + zeros(783) + "]}", "pixels has 783 values"),
                Arguments.of("{\"instances\":[" + image + ",[" + zeros(785) + "]]}", "instances[1] has 785 values"),
                Arguments.of("{\"pixels\":[" + zeros(10) + ",1.5," + zeros(773) + "]}", "pixels[10] is 1.5"),
                Arguments.of("{\"pixels\":[" + zeros(10) + ",-1," + zeros(773) + "]}", "pixels[10] is -1.0"),
                Arguments.of("{\"instances\":[" + image + ",[" + zeros(3) + ",300," + zeros(780) + "]],"
                        + "\"pixelRange\":\"byte\"}", "instances[1][3] is 300.0"),
                Arguments.of("{\"pixels\":[" + zeros(5) + ",1e39," + zeros(778) + "]}", "pixels[5] is not a finite number"),
                Arguments.of("{\"pixels\":[" + zeros(7) + ",\"a\"," + zeros(776) + "]}", "pixels[7] is a string"),
                Arguments.of("{\"pixels\":[" + zeros(7) + ",null," + zeros(776) + "]}", "pixels[7] is null"),
                Arguments.of("{\"pixels\":[NaN]}", "malformed JSON"),
                Arguments.of("{\"pixels\":" + image + ",\"instances\":[" + image + "]}", "not both"),
                Arguments.of("{}", "send \"pixels\""),
                Arguments.of("{\"instances\":[]}", "instances is empty"),
                Arguments.of("{\"instances\":[" + String.join(",", Collections.nCopies(1001, image)) + "]}",
                        "instances has 1001 images; at most 1000"),
                Arguments.of("{\"pixels\":[0,0", "malformed JSON"),
                Arguments.of("not json", "malformed JSON"),
                Arguments.of("{\"pixels\":" + image + ",\"colour\":true}", "unknown field \"colour\""),
                Arguments.of("{\"pixels\":" + image + ",\"pixelRange\":\"percent\"}", "pixelRange must be"),
                Arguments.of("{\"pixels\":" + image + ",\"model\":42}", "model must be a string"),
                Arguments.of("{\"pixels\":" + image + ",\"model\":\"../../etc/passwd\"}", "neither a model id nor an alias"),
                Arguments.of("[1,2,3]", "must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badInputIsA400ProblemThatSaysWhatIsWrong(String body, String detail) {
        Http.Response response = http.postJson("/predict", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").stringValue()).contains(detail);
    }

    @Test
    void emptyBodyAndWrongContentTypeAreClientErrors() {
        Http.Response empty = http.post("/predict", "application/json", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("detail").stringValue()).contains("the request body is empty");

        Http.Response text = http.post("/predict", "text/plain", "{\"pixels\":[]}".getBytes());
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownModelOrAliasIs404() {
        float[] image = MnistTestImages.unit(1)[0];
        Http.Response alias = http.postJson("/predict", pixelsBody(image, "no-such-alias"));
        assertThat(alias.status()).isEqualTo(404);
        assertThat(alias.json().get("detail").stringValue()).contains("no-such-alias");

        Http.Response id = http.postJson("/predict", pixelsBody(image, "m-20000101000000000-abcdef"));
        assertThat(id.status()).isEqualTo(404);
        assertThat(id.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void drawnDigitUploadIsPreprocessedAndRecognised(int digit) {
        byte[] png = DigitDrawings.png(digit);
        Http.Response response = http.upload("/predict/image", "image", digit + ".png", png);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("model").stringValue()).isEqualTo(models.trained().id());
        float[] pixels = Http.floats(response.json().get("pixels"));
        assertThat(pixels).containsExactly(MnistPreprocessor.toMnist(ImageDecoder.decode(png, 2048)));
        assertCloseToReference(response.json().get("probabilities"), models.trained().reference().probabilities(pixels));
        assertThat(response.json().get("label").intValue()).isEqualTo(digit);
    }

    /** The README's tour: {@code curl -F image=@docs/samples/seven.png localhost:8080/predict/image}. */
    @Test
    void theReadmeSampleImageIsASeven() throws IOException {
        byte[] png = Files.readAllBytes(Path.of("docs", "samples", "seven.png"));
        Http.Response response = http.upload("/predict/image", "image", "seven.png", png);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("label").intValue()).isEqualTo(7);
        assertThat(response.json().get("className").stringValue()).isEqualTo("7");
    }

    @Test
    void uploadCanNameTheModelAndBeAJpeg() {
        byte[] jpeg = DigitDrawings.encode(DigitDrawings.draw(1, Color.BLACK, Color.WHITE), "jpeg");
        Http.Response response = http.upload("/predict/image", "image", "one.jpg", jpeg, "model", models.sigmoid().id());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("model").stringValue()).isEqualTo(models.sigmoid().id());
        assertThat(response.json().get("pixels").size()).isEqualTo(784);
    }

    @Test
    void badUploadsAreClientErrors() {
        byte[] png = DigitDrawings.png(7);
        Http.Response truncated = http.upload("/predict/image", "image", "7.png", Arrays.copyOf(png, png.length / 2));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("detail").stringValue()).contains("could not be decoded");

        Http.Response text = http.upload("/predict/image", "image", "notes.txt", "hello".getBytes());
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("detail").stringValue()).contains("not a PNG or JPEG");

        Http.Response wrongPart = http.upload("/predict/image", "file", "7.png", png);
        assertThat(wrongPart.status()).isEqualTo(400);

        Http.Response blank = http.upload("/predict/image", "image", "blank.png",
                DigitDrawings.encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("detail").stringValue()).contains("blank");
    }

    @Test
    void oversizedUploadsAre413() {
        // noise does not compress: a 300×300 RGB PNG is about 270 KB, over this context's 200 KB file limit
        BufferedImage noise = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        byte[] big = DigitDrawings.encode(noise, "png");
        assertThat(big.length).isGreaterThan(200 * 1024);
        Http.Response tooBig = http.upload("/predict/image", "image", "noise.png", big);
        assertThat(tooBig.status()).isEqualTo(413);

        // small file, huge canvas: refused from its header, before decoding
        byte[] wide = DigitDrawings.encode(new BufferedImage(3000, 10, BufferedImage.TYPE_BYTE_GRAY), "png");
        Http.Response tooWide = http.upload("/predict/image", "image", "wide.png", wide);
        assertThat(tooWide.status()).isEqualTo(413);
        assertThat(tooWide.json().get("detail").stringValue()).contains("3000×10");
    }

    @Test
    void aModelWhoseWeightsNoLongerMatchTheirChecksumIsRefusedOnceFound() throws IOException {
        String id = models.corruptible().id();
        float[] image = MnistTestImages.unit(1)[0];
        assertThat(http.postJson("/predict", pixelsBody(image, id)).status()).isEqualTo(200); // now cached

        Path weights = store.weightsFile(id);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(weights, bytes);
        Files.setLastModifiedTime(weights, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        // the weights verified when they were loaded are served from memory, without a look at the file...
        assertThat(http.postJson("/predict", pixelsBody(image, id)).status()).isEqualTo(200);
        // ...until the damage is found (a download re-reads the file); from then on the model is refused
        assertThat(http.get("/models/" + id + "/weights").status()).isEqualTo(409);
        Http.Response response = http.postJson("/predict", pixelsBody(image, id));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").stringValue()).contains(id).contains("corrupt");
        Http.Response v2 = http.get("/v2/models/" + id + "/ready");
        assertThat(v2.status()).isEqualTo(409);
        assertThat(v2.json().get("error").stringValue()).contains("corrupt");
        // the newest servable model is still served by default
        assertThat(http.postJson("/predict", "{\"pixels\":" + Http.array(image) + "}").json().get("model").stringValue())
                .isEqualTo(models.trained().id());
    }

    @Test
    void theBenchmarkEndpointIsOffByDefault() {
        Http.Response response = http.postJson("/predict/echo", "{\"pixels\":[" + zeros(784) + "]}");
        assertThat(response.status()).isEqualTo(404);
    }
}
