package io.digitnet.inference.web;

import io.digitnet.TestFolders;
import io.digitnet.datasets.Dataset;
import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.inference.MnistTestImages;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 * three with known seeded weights (sigmoid H=64, ReLU H=100, and one that a test damages), two of other datasets
 * with seeded weights (a Fashion-MNIST one, and a 3-class one of a dataset uploaded through {@code POST /datasets},
 * whose class names hold a comma and a quote) and one trained for an epoch on the real MNIST, which is created last
 * and so is {@code latest}.
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

    /**
     * {@code corruptible}: a model a test may damage on disk (it is never {@code latest}); {@code fashion}: trained
     * on Fashion-MNIST (as its metadata says); {@code uploaded}: of the uploaded dataset {@link #UPLOADED}.
     */
    public record Fixture(Model sigmoid, Model relu, Model corruptible, Model fashion, Model uploaded, Model trained) {
    }

    /** The class names of MNIST and Fashion-MNIST models, as written out here rather than taken from main code. */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The uploaded dataset of {@code Fixture.uploaded}, and its class names. */
    public static final String UPLOADED = "v2-shapes";
    public static final List<String> UPLOADED_CLASSES = List.of("circle, round", "square \"box\"", "star");

    private static final Path DATA = TestFolders.create("digitnet-inference-tests");
    private static Fixture fixture;

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> DATA.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> DATA.resolve("jobs").toString());
        registry.add("digitnet.datasets.uploads.dir", () -> DATA.resolve("uploads").toString());
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
        models = fixture(store, datasets, http, json);
    }

    private static synchronized Fixture fixture(FileModelStore store, DatasetCatalog datasets, Http http,
                                                JsonMapper json) {
        if (fixture == null) {
            Model sigmoid = save(store, "known-sigmoid", "sigmoid", "mnist", null,
                    Parameters.initialize(784, 64, 10, WeightInit.XAVIER, 7, DataType.FLOAT));
            Model relu = save(store, "known-relu", "relu", "mnist", null,
                    Parameters.initialize(784, 100, 10, WeightInit.HE, 11, DataType.FLOAT));
            Model corruptible = save(store, "corruptible", "sigmoid", "mnist", null,
                    Parameters.initialize(784, 20, 10, WeightInit.XAVIER, 13, DataType.FLOAT));
            // class names as training leaves them: the built-in dataset's, and the uploaded dataset's (from the catalog)
            Model fashion = save(store, "known-fashion", "relu", "fashion-mnist", null,
                    Parameters.initialize(784, 32, 10, WeightInit.HE, 17, DataType.FLOAT));
            uploadDataset(http, json);
            Model uploaded = save(store, "known-shapes", "relu", UPLOADED, datasets.classNames(UPLOADED),
                    Parameters.initialize(784, 32, 3, WeightInit.HE, 19, DataType.FLOAT));
            Model trained = save(store, "trained-one-epoch", "relu", "mnist", null,
                    trainOneEpoch(datasets.load("mnist")));
            fixture = new Fixture(sigmoid, relu, corruptible, fashion, uploaded, trained);
        }
        return fixture;
    }

    /** A Kaggle-style CSV of 36 MNIST test images in 3 classes, uploaded as {@link #UPLOADED}. */
    private static void uploadDataset(Http http, JsonMapper json) {
        int[][] images = MnistTestImages.bytes(36);
        StringBuilder csv = new StringBuilder("label");
        for (int i = 0; i < 784; i++) {
            csv.append(",pixel").append(i);
        }
        for (int n = 0; n < images.length; n++) {
            csv.append('\n').append(n % 3);
            for (int value : images[n]) {
                csv.append(',').append(value);
            }
        }
        Http.Response created = http.upload("/datasets", "file", "shapes.csv",
                csv.toString().getBytes(StandardCharsets.US_ASCII), "metadata",
                "{\"name\":\"" + UPLOADED + "\",\"classNames\":" + json.writeValueAsString(UPLOADED_CLASSES) + "}");
        if (created.status() != 201) {
            throw new IllegalStateException("uploading " + UPLOADED + " answered " + created.status() + ": "
                    + created.body());
        }
    }

    private static Model save(FileModelStore store, String name, String activation, String dataset,
                              List<String> classNames, Parameters parameters) {
        ModelMetadata metadata = store.save(new ModelDraft(name, Activation.of(activation), dataset, Map.of(), Map.of(), null,
                List.of(), classNames), parameters);
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
}
