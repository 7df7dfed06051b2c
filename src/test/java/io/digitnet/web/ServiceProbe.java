package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What slow clients must not hold up (issue 9): liveness and a prediction of {@link #IMAGE}, each answered within a
 * timeout, over connections of their own.
 */
final class ServiceProbe {

    /** A /predict body: one image of 784 values. */
    static final String IMAGE = "{\"pixels\":[" + "0.5,".repeat(783) + "1]}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    ServiceProbe(int port) {
        this.port = port;
    }

    /** Liveness answers 200 and /predict a label, each within {@code timeout}. */
    void livenessAndPrediction(Duration timeout) throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).GET(), timeout).statusCode())
                .isEqualTo(200);
        HttpResponse<String> prediction = send(HttpRequest.newBuilder(uri("/predict"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(IMAGE)), timeout);
        assertThat(prediction.statusCode()).isEqualTo(200);
        assertThat(prediction.body()).contains("\"label\"");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) throws Exception {
        return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }
}
