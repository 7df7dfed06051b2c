package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.datasets.Dataset;
import io.digitnet.inference.MnistTestImages;
import io.digitnet.inference.ServedModels;
import io.digitnet.nn.Activation;
import io.digitnet.nn.LabeledData;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.Trainer;
import io.digitnet.nn.TrainerConfig;
import io.digitnet.nn.TrainingCancelledException;
import io.digitnet.nn.TrainingListener;
import io.digitnet.nn.WeightInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Many concurrent /predict requests through an alias that keeps moving between two models, while a training run
 * uses ND4J on another thread: every request must succeed, and every answer must carry exactly the probabilities of
 * the model it names (a batch never mixes two models).
 */
class PredictUnderLoadIntegrationTests extends InferenceTestContext {

    private static final String ALIAS = "under-load";
    private static final int THREADS = 16;
    private static final int MIN_REQUESTS_PER_THREAD = 100;
    private static final int MIN_ALIAS_MOVES = 40;
    private static final int BATCH = 5;

    @Autowired
    ServedModels served;

    @Test
    void aliasMovesAndTrainingNeverBreakOrMixPredictions() throws Exception {
        String a = models.sigmoid().id();
        String b = models.relu().id();
        float[][] images = MnistTestImages.unit(BATCH * 4);
        Map<String, float[][]> singles = new HashMap<>(); // model → [image][10]
        Map<String, float[]> batches = new HashMap<>();   // model → [BATCH × 10] for the first BATCH images
        float[] batchInput = new float[BATCH * 784];
        for (int n = 0; n < BATCH; n++) {
            System.arraycopy(images[n], 0, batchInput, n * 784, 784);
        }
        for (String id : List.of(a, b)) {
            float[][] expected = new float[images.length][];
            for (int n = 0; n < images.length; n++) {
                expected[n] = served.get(id).predictor().probabilities(images[n], 1);
            }
            singles.put(id, expected);
            batches.put(id, served.get(id).predictor().probabilities(batchInput, BATCH));
        }
        String batchBody = "{\"model\":\"" + ALIAS + "\",\"instances\":[" + String.join(",",
                java.util.stream.IntStream.range(0, BATCH).mapToObj(n -> Http.array(images[n])).toList()) + "]}";
        assertThat(http.put("/models/" + a + "/aliases/" + ALIAS).status()).isEqualTo(200);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong trainingIterations = new AtomicLong();
        AtomicInteger moves = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
        try {
            Future<?> training = pool.submit(() -> train(datasets.load("mnist"), trainingIterations, stop));
            await().atMost(Duration.ofMinutes(1)).until(() -> trainingIterations.get() > 0);
            long iterationsBefore = trainingIterations.get();

            Future<?> mover = pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    int status = http.put("/models/" + (i % 2 == 0 ? b : a) + "/aliases/" + ALIAS).status();
                    if (status != 200) {
                        failures.add("moving the alias answered " + status);
                    }
                    moves.incrementAndGet();
                }
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < MIN_REQUESTS_PER_THREAD || moves.get() < MIN_ALIAS_MOVES; i++) {
                        if ((i + thread) % 4 == 0) {
                            checkBatch(http.postJson("/predict", batchBody), batches, seen, failures);
                        } else {
                            int n = (i * 7 + thread) % images.length;
                            String body = "{\"model\":\"" + ALIAS + "\",\"pixels\":" + Http.array(images[n]) + "}";
                            checkSingle(http.postJson("/predict", body), n, singles, seen, failures);
                        }
                    }
                    done.incrementAndGet();
                }));
            }
            for (Future<?> client : clients) {
                client.get(5, TimeUnit.MINUTES);
            }
            long iterationsDuring = trainingIterations.get() - iterationsBefore;
            stop.set(true);
            mover.get(1, TimeUnit.MINUTES);
            training.get(1, TimeUnit.MINUTES);

            assertThat(failures).isEmpty();
            assertThat(done.get()).isEqualTo(THREADS);
            assertThat(moves.get()).isGreaterThanOrEqualTo(MIN_ALIAS_MOVES);
            assertThat(seen).containsExactlyInAnyOrder(a, b);
            assertThat(iterationsDuring).as("training iterations while predictions ran").isPositive();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static void checkSingle(Http.Response response, int image, Map<String, float[][]> expected,
                                    Set<String> seen, Queue<String> failures) {
        if (response.status() != 200) {
            failures.add("status " + response.status() + ": " + response.body());
            return;
        }
        String model = response.json().get("model").stringValue();
        seen.add(model);
        float[][] probabilities = expected.get(model);
        if (probabilities == null) {
            failures.add("answered by an unexpected model " + model);
        } else if (!java.util.Arrays.equals(Http.floats(response.json().get("probabilities")), probabilities[image])) {
            failures.add("image " + image + ": probabilities are not those of " + model);
        }
    }

    private static void checkBatch(Http.Response response, Map<String, float[]> expected, Set<String> seen,
                                   Queue<String> failures) {
        if (response.status() != 200) {
            failures.add("status " + response.status() + ": " + response.body());
            return;
        }
        String model = response.json().get("model").stringValue();
        seen.add(model);
        float[] probabilities = expected.get(model);
        if (probabilities == null) {
            failures.add("batch answered by an unexpected model " + model);
            return;
        }
        JsonNode predictions = response.json().get("predictions");
        for (int n = 0; n < BATCH; n++) {
            float[] row = java.util.Arrays.copyOfRange(probabilities, n * 10, n * 10 + 10);
            if (!java.util.Arrays.equals(Http.floats(predictions.get(n).get("probabilities")), row)) {
                failures.add("batch row " + n + ": probabilities are not those of " + model);
            }
        }
    }

    /** Trains on the real MNIST until told to stop, counting iterations. */
    private static void train(Dataset mnist, AtomicLong iterations, AtomicBoolean stop) {
        TrainerConfig config = new TrainerConfig(100, Activation.SIGMOID, WeightInit.STD, OptimizerType.SGD, 0.1,
                100, 1000, 0, 3, null);
        Trainer trainer = new Trainer(config, new LabeledData(mnist.train().images(), mnist.train().labels()), null,
                new LabeledData(mnist.test().images(), mnist.test().labels()));
        try {
            trainer.train(new TrainingListener() {
                @Override
                public void onIteration(int epoch, long iteration, long totalIterations, double loss) {
                    iterations.set(iteration);
                }
            }, stop::get);
        } catch (TrainingCancelledException e) {
            // stopped at the end of the test, as intended
        }
    }
}
