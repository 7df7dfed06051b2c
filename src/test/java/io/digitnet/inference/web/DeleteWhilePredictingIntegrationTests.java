package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.inference.MnistTestImages;
import io.digitnet.models.ModelDraft;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9, item 5: a model deleted while {@code /predict} calls use it is a 404 everywhere at once: predictions, the
 * model's resource, the V2 protocol and the list; never a 409 "corrupt", and not listed as damaged in the health.
 */
class DeleteWhilePredictingIntegrationTests extends InferenceTestContext {

    @Test
    void aModelDeletedWhilePredictionsUseItIsNotFoundEverywhereAtOnce() throws Exception {
        String id = store.save(new ModelDraft("doomed", Activation.SIGMOID, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 30, 10, WeightInit.XAVIER, 17, DataType.FLOAT)).id();
        String body = "{\"pixels\":" + Http.array(MnistTestImages.unit(1)[0]) + ",\"model\":\"" + id + "\"}";
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger served = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(clients.submit(() -> {
                    while (true) {
                        Http.Response response = http.postJson("/predict", body);
                        if (response.status() == 404) {
                            return null;
                        }
                        if (response.status() == 200) {
                            served.incrementAndGet();
                        } else {
                            unexpected.add(response.status() + " " + response.body());
                            return null;
                        }
                    }
                }));
            }
            while (served.get() < 20 && unexpected.isEmpty()) {
                Thread.onSpinWait();
            }
            assertThat(http.delete("/models/" + id).status()).isEqualTo(204);
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(unexpected).as("answers other than 200 before and 404 after the delete").isEmpty();

        assertThat(http.postJson("/predict", body).status()).isEqualTo(404);
        assertThat(http.get("/models/" + id).status()).isEqualTo(404);
        assertThat(http.get("/models/" + id + "/weights").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/" + id + "/ready").status()).isEqualTo(404);
        assertThat(http.get("/models").body()).doesNotContain(id);
        JsonNode health = http.get("/actuator/health/modelStore").json();
        assertThat(health.get("details").get("corrupt").toString()).doesNotContain(id);
    }
}
