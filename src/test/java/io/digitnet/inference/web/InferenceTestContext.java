package io.digitnet.inference.web;

import io.digitnet.datasets.Dataset;
import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.inference.ReferenceNet;
import io.digitnet.models.FileModelStore;
import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelMetadata;
import io.digitnet.nn.Activation;
import io.digitnet.nn.LabeledData;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Trainer;
import io.digitnet.nn.TrainerConfig;
import io.digitnet.nn.TrainingListener;
import io.digitnet.nn.WeightInit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running server shared by the inference integration tests, on a model store of its own, with models made once:
 * three with known seeded weights (sigmoid H=64, ReLU H=100, and one that a test damages) and one trained for an epoch
 * on the real MNIST, which is created last and so is {@code latest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.servlet.multipart.max-file-size=200KB",
        "spring.servlet.multipart.max-request-size=1MB"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InferenceTestContext {

    public record Model(ModelMetadata metadata, ReferenceNet reference) {
        public String id() {
            return metadata.id();
        }
    }

    /** {@code corruptible}: a model a test may damage on disk (it is never {@code latest}). */
    public record Fixture(Model sigmoid, Model relu, Model corruptible, Model trained) {
    }

    private static final Path DATA = temporaryDirectory();
    private static Fixture fixture;

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> DATA.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> DATA.resolve("jobs").toString());
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JsonMapper json;
    @Autowired
    FileModelStore store;
    @Autowired
    DatasetCatalog datasets;

    Http http;
    protected Fixture models;

    @BeforeAll
    protected void setUpModels() {
        http = new Http(port, json);
        models = fixture(store, datasets);
    }

    private static synchronized Fixture fixture(FileModelStore store, DatasetCatalog datasets) {
        if (fixture == null) {
            Model sigmoid = save(store, "known-sigmoid", "sigmoid",
                    Parameters.initialize(784, 64, 10, WeightInit.XAVIER, 7, DataType.FLOAT));
            Model relu = save(store, "known-relu", "relu",
                    Parameters.initialize(784, 100, 10, WeightInit.HE, 11, DataType.FLOAT));
            Model corruptible = save(store, "corruptible", "sigmoid",
                    Parameters.initialize(784, 20, 10, WeightInit.XAVIER, 13, DataType.FLOAT));
            Model trained = save(store, "trained-one-epoch", "relu", trainOneEpoch(datasets.load("mnist")));
            fixture = new Fixture(sigmoid, relu, corruptible, trained);
        }
        return fixture;
    }

    private static Model save(FileModelStore store, String name, String activation, Parameters parameters) {
        ModelMetadata metadata = store.save(new ModelDraft(name, Activation.of(activation), "mnist", Map.of(), Map.of(), null),
                parameters);
        // the reference uses the weights as stored, i.e. as they are served
        return new Model(metadata, new ReferenceNet(store.load(metadata.id()).parameters(), activation));
    }

    /** H=100, ReLU, He init, SGD 0.1, batch 100: about 0.95 test accuracy after one epoch. */
    private static Parameters trainOneEpoch(Dataset mnist) {
        TrainerConfig config = new TrainerConfig(100, Activation.RELU, WeightInit.HE, OptimizerType.SGD, 0.1, 100,
                1, 0, 42, null);
        Trainer trainer = new Trainer(config, new LabeledData(mnist.train().images(), mnist.train().labels()), null,
                new LabeledData(mnist.test().images(), mnist.test().labels()));
        return trainer.train(new TrainingListener() { }, () -> false).parameters();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("digitnet-inference-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
