package io.digitnet.ui;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The service's REST API, for what the browser tests set up or check behind the page's back. */
final class Api {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    private final RestClient client;

    Api(String baseUrl) {
        this.client = RestClient.create(baseUrl);
    }

    Map<String, Object> job(String id) {
        return client.get().uri("/jobs/{id}", id).retrieve().body(OBJECT);
    }

    Map<String, Object> model(String id) {
        return client.get().uri("/models/{id}", id).retrieve().body(OBJECT);
    }

    /** The id of a ready model, trained here (H=50 ReLU, one epoch of MNIST) when there is none yet. */
    String ensureModel() {
        List<Map<String, Object>> models = client.get().uri("/models").retrieve().body(LIST);
        for (Map<String, Object> model : models) {
            if ("ready".equals(model.get("status"))) {
                return model.get("id").toString();
            }
        }
        Map<String, Object> job = client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "browser-tests-model", "dataset", "mnist", "hiddenSize", 50,
                        "activation", "relu", "weightInit", "he", "learningRate", 0.1, "batchSize", 100,
                        "epochs", 1, "seed", 3))
                .retrieve().body(OBJECT);
        String id = job.get("id").toString();
        await().atMost(Duration.ofMinutes(3)).until(() -> !List.of("QUEUED", "RUNNING").contains(job(id).get("status")));
        Map<String, Object> finished = job(id);
        if (!"SUCCEEDED".equals(finished.get("status"))) {
            throw new IllegalStateException("the model for the browser tests could not be trained: " + finished);
        }
        return finished.get("modelId").toString();
    }
}
