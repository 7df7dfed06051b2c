package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * No model reference in a prediction request can reach a file outside the model directory: not {@code /predict}'s
 * {@code model} field, not {@code /predict/image?model=}, not the V2 protocol's {@code /v2/models/{name}}. A complete,
 * valid model is planted next to the model directory, so that a traversal that worked would be answered 200; every
 * attempt must be a 400 or 404 instead, and no answer may contain the planted secret.
 */
class PathTraversalIntegrationTests extends ServiceTestContext {

    private static final String SECRET = "TOP-SECRET-PATH-TRAVERSAL-CONTENT";

    @Autowired
    ModelStore store;

    String planted; // the id of the model copied outside the model directory

    @BeforeEach
    void plantAModelAndASecretOutsideTheModelDirectory() throws IOException {
        ModelMetadata model = store.save(new ModelDraft("inside", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 20, 10, WeightInit.HE, 17, DataType.FLOAT));
        planted = model.id();
        Path inside = DATA.resolve("models").resolve(planted);
        for (Path target : List.of(DATA.resolve("outside").resolve(planted), DATA.resolve(planted))) {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(inside)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(DATA.resolve("secret.txt"), SECRET);
        Files.writeString(DATA.resolve("models").resolve("secret.txt"), SECRET);
    }

    @Test
    void predictsModelFieldNeverLeavesTheModelDirectory() {
        String pixels = "[" + "0,".repeat(783) + "1]";
        for (String model : references()) {
            String body = "{\"model\":" + JsonNodeFactory.instance.stringNode(model) + ",\"pixels\":" + pixels + "}";
            Http.Response response = http.postJson("/predict", body);
            assertRefused("/predict model=" + model, response.status(), response.body());
            assertThat(response.contentType()).isEqualTo("application/problem+json");
        }
        assertThat(http.postJson("/predict", "{\"model\":\"" + planted + "\",\"pixels\":" + pixels + "}").status())
                .as("the model itself, by its id").isEqualTo(200);
    }

    @Test
    void predictImagesModelParameterNeverLeavesTheModelDirectory() {
        Http.Multipart image = Http.multipart("image", "digit.png", png());
        for (String model : references()) {
            if (model.isEmpty() || model.indexOf('\0') >= 0) {
                continue; // not expressible as a query parameter value that reaches the controller
            }
            Http.Response response = http.post("/predict/image?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8),
                    image.contentType(), image.body());
            assertRefused("/predict/image?model=" + model, response.status(), response.body());
        }
        assertThat(http.post("/predict/image?model=" + planted, image.contentType(), image.body()).status())
                .isEqualTo(200);
    }

    /** Raw bytes on the socket, so that no client normalises {@code ..} or re-encodes the path first. */
    @Test
    void v2ModelNamesNeverLeaveTheModelDirectory() {
        String infer = "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":["
                + "0,".repeat(783) + "1]}]}";
        List<String> names = List.of("..", "%2e%2e", ".%2e", "..%2Foutside%2F" + planted, "%2e%2e%2foutside%2f"
                        + planted, "..%5Coutside%5C" + planted, "..;", "..;/outside/" + planted, "%252e%252e",
                "%2Fetc%2Fpasswd", "..%2Fsecret.txt", "secret.txt", "%00", planted + "%2F..%2F..%2F" + planted,
                "..%2F" + planted, "~", "%2e%2e%2f%2e%2e%2fsecret.txt");
        for (String name : names) {
            for (String suffix : List.of("", "/ready")) {
                String request = "GET /v2/models/" + name + suffix;
                String response = http.raw("GET", "/v2/models/" + name + suffix, null, null);
                assertRefused(request, status(response), response);
            }
            String response = http.raw("POST", "/v2/models/" + name + "/infer", "application/json",
                    infer.getBytes(StandardCharsets.UTF_8));
            assertRefused("POST /v2/models/" + name + "/infer", status(response), response);
        }
        // also through the paths a client would normalise: /v2/models/x/../../models/<id> is not a model name
        String walked = http.raw("GET", "/v2/models/latest/../../../secret.txt", null, null);
        assertThat(walked).doesNotContain(SECRET);
        assertThat(status(http.raw("GET", "/v2/models/" + planted + "/ready", null, null))).isEqualTo(200);
    }

    /** Spellings of the planted model's folder outside the model directory, and of files there. */
    private List<String> references() {
        return List.of("../" + planted, "../outside/" + planted, "..", "../secret.txt", "secret.txt",
                "/etc/passwd", "..\\outside\\" + planted, planted + "/../../" + planted, "./" + planted,
                "%2e%2e%2f" + planted, "..%2F" + planted, "~/" + planted, "", " ", "\0", planted + "\0",
                DATA.resolve(planted).toString(), "file://" + DATA.resolve(planted), "C:\\Windows\\win.ini",
                "latest/..", "models/../" + planted, planted.toUpperCase());
    }

    private static void assertRefused(String request, int status, String response) {
        assertThat(status).as(request + " → " + response.lines().findFirst().orElse("")).isIn(400, 404);
        assertThat(response).as(request).doesNotContain(SECRET);
    }

    private static int status(String rawResponse) {
        return Integer.parseInt(rawResponse.substring(9, 12));
    }

    /** A white 7 on black, 56×56. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.setStroke(new java.awt.BasicStroke(5));
        g.drawLine(12, 10, 44, 10);
        g.drawLine(44, 10, 24, 48);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
