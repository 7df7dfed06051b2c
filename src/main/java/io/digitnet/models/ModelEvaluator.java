package io.digitnet.models;

import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.datasets.LabeledImages;
import io.digitnet.datasets.UnknownDatasetException;
import io.digitnet.nn.Predictor;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates a model on the test set of its dataset once, in large batches, and keeps the result next to the model
 * ({@code evaluation.json}, written atomically). Concurrent requests for the same model share one computation.
 */
@Component
public class ModelEvaluator {

    private static final Logger log = LoggerFactory.getLogger(ModelEvaluator.class);

    private final ModelStore store;
    private final ModelRegistry registry;
    private final DatasetCatalog datasets;
    private final JsonMapper json;
    private final int batchSize;
    private final Map<String, CompletableFuture<ModelEvaluation>> running = new ConcurrentHashMap<>();

    public ModelEvaluator(ModelStore store, ModelRegistry registry, DatasetCatalog datasets, JsonMapper json,
                          ModelsSettings settings) {
        this.store = store;
        this.registry = registry;
        this.datasets = datasets;
        this.json = json;
        this.batchSize = settings.evaluationBatchSize();
    }

    /** @throws EvaluationUnavailableException when the model names no dataset the service knows */
    public ModelEvaluation evaluate(String idOrAlias) {
        StoredModel model = registry.resolve(idOrAlias);
        ModelMetadata metadata = model.metadata();
        ModelEvaluation stored = read(metadata.id());
        if (stored != null && metadata.weightsSha256().equals(stored.weightsSha256())) {
            return stored;
        }
        CompletableFuture<ModelEvaluation> mine = new CompletableFuture<>();
        CompletableFuture<ModelEvaluation> shared = running.putIfAbsent(metadata.id(), mine);
        if (shared != null) {
            return join(shared);
        }
        try {
            ModelEvaluation evaluation = compute(model);
            write(evaluation);
            mine.complete(evaluation);
            return evaluation;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(metadata.id(), mine);
        }
    }

    private ModelEvaluation compute(StoredModel model) {
        ModelMetadata metadata = model.metadata();
        if (metadata.dataset() == null) {
            throw new EvaluationUnavailableException("model '" + metadata.id() + "' names no dataset to evaluate it on;"
                    + " import it with metadata such as {\"dataset\":\"mnist\"}");
        }
        LabeledImages test;
        try {
            test = datasets.load(metadata.dataset()).test();
        } catch (UnknownDatasetException e) {
            throw new EvaluationUnavailableException("model '" + metadata.id() + "' was trained on dataset '"
                    + metadata.dataset() + "', which this service does not know");
        }
        Predictor predictor = new Predictor(model.parameters(), metadata.architecture().activation());
        int classes = predictor.outputSize();
        int[][] confusion = new int[classes][classes];
        INDArray images = test.images(); // [n, 784]
        int[] labels = test.labels();
        for (int start = 0; start < labels.length; start += batchSize) {
            int rows = Math.min(batchSize, labels.length - start);
            INDArray batch = images.get(NDArrayIndex.interval(start, start + rows), NDArrayIndex.all()).dup('c');
            float[] probabilities = predictor.probabilities(batch.data().asFloat(), rows); // [rows, classes]
            for (int r = 0; r < rows; r++) {
                confusion[labels[start + r]][argMax(probabilities, r * classes, classes)]++;
            }
        }
        ModelEvaluation evaluation = ModelEvaluation.of(metadata, confusion, Clock.systemUTC().instant());
        log.info("evaluated model {} on {} ({} images): accuracy {}", metadata.id(), metadata.dataset(),
                evaluation.samples(), evaluation.accuracy());
        return evaluation;
    }

    private static int argMax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    private ModelEvaluation read(String id) {
        byte[] stored = store.evaluation(id).orElse(null);
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, ModelEvaluation.class);
        } catch (JacksonException e) {
            log.warn("ignoring the unreadable evaluation of {}, evaluating again: {}", id, e.getMessage());
            return null;
        }
    }

    private void write(ModelEvaluation evaluation) {
        store.saveEvaluation(evaluation.modelId(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(evaluation));
    }

    private static ModelEvaluation join(CompletableFuture<ModelEvaluation> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
