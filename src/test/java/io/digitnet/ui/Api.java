package io.digitnet.ui;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
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

    /** The names of every dataset, in the order GET /datasets lists them. */
    List<String> datasetNames() {
        return client.get().uri("/datasets").retrieve().body(LIST).stream()
                .map(dataset -> dataset.get("name").toString())
                .toList();
    }

    /** The answer of POST /predict/image for a picture (the 784 pixels the service made of it included). */
    Map<String, Object> predictImage(byte[] png) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("image", new ByteArrayResource(png) {
            @Override
            public String getFilename() {
                return "drawing.png";
            }
        });
        return client.post().uri("/predict/image").contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .retrieve().body(OBJECT);
    }

    /** Submits a job; its view. */
    Map<String, Object> submitJob(Map<String, Object> request) {
        return client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).body(request)
                .retrieve().body(OBJECT);
    }

    void cancelJob(String id) {
        client.delete().uri("/jobs/{id}", id).retrieve().toBodilessEntity();
    }

    /** Trains a job to its end; its final view, failing when it did not succeed. */
    Map<String, Object> train(Map<String, Object> request) {
        String id = submitJob(request).get("id").toString();
        await().atMost(Duration.ofMinutes(3)).until(() -> !List.of("QUEUED", "RUNNING").contains(job(id).get("status")));
        Map<String, Object> finished = job(id);
        if (!"SUCCEEDED".equals(finished.get("status"))) {
            throw new IllegalStateException("the job for the browser tests did not succeed: " + finished);
        }
        return finished;
    }

    /** The id of a ready model, trained here (H=50 ReLU, one epoch of MNIST) when there is none yet. */
    String ensureModel() {
        List<Map<String, Object>> models = client.get().uri("/models").retrieve().body(LIST);
        for (Map<String, Object> model : models) {
            if ("ready".equals(model.get("status"))) {
                return model.get("id").toString();
            }
        }
        return train(Map.of("name", "browser-tests-model", "dataset", "mnist", "hiddenSize", 50,
                "activation", "relu", "weightInit", "he", "learningRate", 0.1, "batchSize", 100,
                "epochs", 1, "seed", 3)).get("modelId").toString();
    }
}
