package io.digitnet.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.TestFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page's datasets section in the system's headless Chromium against the real service: the pickers, the upload
 * form with its progress bar (a large upload is processed in the background: 202, provisioning, ready), a bad file's
 * problem detail, the gallery with the class names, and a gallery sample predicted with its class name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatasetPageBrowserIntegrationTests {

    private static final Path STORES = TestFolders.create("digitnet-dataset-page-tests-");
    private static final List<String> PICKERS = List.of("f-dataset", "s-dataset", "gallery-dataset", "try-dataset");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> STORES.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> STORES.resolve("jobs").toString());
        registry.add("digitnet.datasets.uploads.dir", () -> STORES.resolve("uploads").toString());
        // uploads above this are processed in the background (202), so that the page's provisioning state is seen
        registry.add("digitnet.datasets.uploads.background-above", () -> "200KB");
    }

    @RegisterExtension
    static final BrowserSession session = new BrowserSession();

    private HeadlessChromium browser;
    private Page page;
    private Api api;

    @BeforeEach
    void openPage() {
        browser = session.browser();
        page = session.page();
        api = session.api();
        awaitPickersFilled();
    }

    @Test
    void everyDatasetPickerListsEveryDatasetAndTheGalleryNamesTheClasses() {
        for (String picker : PICKERS) {
            assertThat(datasetOptions(picker)).as(picker).isEqualTo(api.datasetNames());
        }
        assertThat(api.datasetNames()).contains("mnist", "fashion-mnist");

        page.choose("gallery-dataset", "fashion-mnist");

        await().atMost(Duration.ofSeconds(30)).until(() -> galleryOf("fashion-mnist").size() == 10);
        assertThat(galleryOf("fashion-mnist")).startsWith("T-shirt/top", "Trouser", "Pullover")
                .endsWith("Ankle boot");
        awaitImagesLoaded(40);
        browser.screenshot("20-gallery-fashion", "#datasets");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /**
     * A CSV of three classes of bars is uploaded with a real progress bar (the upload throttled so that the bytes
     * visibly go out), processed in the background while the page says so, then offered by every picker and shown in
     * the gallery under its class names; a model trained on it predicts a gallery sample, named by its class.
     */
    @Test
    void anUploadShowsItsProgressAndProvisioningThenItsClassesAndPredictions() throws IOException {
        Path csv = STORES.resolve("bars.csv");
        Files.writeString(csv, barsCsv(400, 11), StandardCharsets.US_ASCII);
        assertThat(Files.size(csv)).as("above the background threshold").isGreaterThan(1_000_000);
        recordUploadState();
        page.find("#u-file").sendKeys(csv.toAbsolutePath().toString());
        page.fill("u-name", "bars");
        page.fill("u-classNames", "top, middle, bottom");
        throttleUploads(400_000);
        try {
            page.find("#upload-submit").click();
            await().atMost(Duration.ofSeconds(90))
                    .failFast("the page shows an error", () -> page.find("#upload-error").isDisplayed())
                    .until(() -> page.text("#upload-status").contains("is ready"));
        } finally {
            throttleUploads(-1);
        }

        List<Double> progress = recorded("progressSeen");
        assertThat(progress).as("upload progress").isNotEmpty().isSorted();
        assertThat(progress).as("values between start and end").anyMatch(p -> p > 0 && p < 1);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(Long.parseLong(page.find("#upload-progress").getAttribute("data-loaded")))
                .as("bytes sent, as the upload events counted them").isGreaterThanOrEqualTo(Files.size(csv));
        assertThat(recordedTexts()).as("the status while the service processed the upload")
                .anyMatch(text -> text.contains("provisioning"));
        assertThat(page.text("#upload-status")).contains("3 classes");
        for (String picker : PICKERS) {
            assertThat(datasetOptions(picker)).as(picker).contains("bars").isEqualTo(api.datasetNames());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> galleryOf("bars").size() == 3);
        assertThat(galleryOf("bars")).containsExactly("top", "middle", "bottom");
        awaitImagesLoaded(12);
        browser.screenshot("21-upload-ready", "#datasets");

        Map<String, Object> job = api.train(Map.of("name", "bars-model", "dataset", "bars", "hiddenSize", 16,
                "activation", "relu", "weightInit", "he", "learningRate", 0.1, "batchSize", 20, "epochs", 5,
                "seed", 5));
        page.find("#models-refresh").click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> page.count("#models-body tr[data-model-id='" + job.get("modelId") + "']") == 1);
        var sample = page.find("#gallery .gallery-class[data-label='2'] button.sample");
        browser.script("arguments[0].scrollIntoView({block: 'center'})", sample);   // out from under the header
        sample.click();

        await().atMost(Duration.ofSeconds(30))
                .failFast(() -> {
                    if (page.find("#try-error").isDisplayed()) {
                        throw new AssertionError("the page shows: " + page.text("#try-error"));
                    }
                })
                .until(() -> page.find("#prediction-result").isDisplayed());
        browser.screenshot("22-sample-predicted");
        assertThat(page.text("#prediction-digit")).isEqualTo("bottom");
        assertThat(page.text("#prediction-truth")).isEqualTo("true class: bottom ✓");
        assertThat(page.text("#prediction-model")).contains(job.get("modelId").toString(), "trained on bars");
        assertThat(page.text("#probabilities-summary")).startsWith("bottom: ");
        assertThat(page.find("#try-dataset").getAttribute("value")).isEqualTo("bars");
        assertThat(page.inkOf("seen")).as("the sample's pixels").isGreaterThan(10);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aBadFileIsRefusedWithTheProblemDetailNamingItsLine() throws IOException {
        Path csv = STORES.resolve("ragged.csv");
        // no header: two good lines, then one of 701 columns
        String good = barsCsv(1, 3).lines().skip(1).limit(2).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(csv, good + "1" + ",0".repeat(700) + "\n", StandardCharsets.US_ASCII);
        page.find("#u-file").sendKeys(csv.toAbsolutePath().toString());

        page.find("#upload-submit").click();

        await().atMost(Duration.ofSeconds(30)).until(() -> page.find("#upload-error").isDisplayed());
        browser.screenshot("23-upload-refused", "#datasets");
        assertThat(page.text("#upload-error")).contains("line 3", "701 columns");
        assertThat(page.text("#upload-status")).isEmpty();
        assertThat(api.datasetNames()).doesNotContain("ragged");
        assertThat(datasetOptions("f-dataset")).doesNotContain("ragged");
        assertThat(browser.consoleErrors()).allMatch(WebPageBrowserIntegrationTests.about("/datasets")
                .and(WebPageBrowserIntegrationTests.about("400")));
    }

    /** A large upload (202) that the service then finds bad: the page goes from provisioning to its reason. */
    @Test
    void aLargeUploadThatFailsInTheBackgroundShowsWhy() throws IOException {
        Path csv = STORES.resolve("late-failure.csv");
        // a header and 180 good lines (above the background threshold), then a pixel out of range on line 182
        Files.writeString(csv, barsCsv(60, 7) + "1" + ",0".repeat(783) + ",300\n", StandardCharsets.US_ASCII);
        assertThat(Files.size(csv)).as("above the background threshold").isGreaterThan(200 * 1024);
        recordUploadState();
        page.find("#u-file").sendKeys(csv.toAbsolutePath().toString());

        page.find("#upload-submit").click();

        await().atMost(Duration.ofSeconds(60)).until(() -> page.find("#upload-error").isDisplayed());
        browser.screenshot("24-upload-failed-in-background", "#datasets");
        assertThat(recordedTexts()).anyMatch(text -> text.contains("provisioning"));
        assertThat(page.text("#upload-error")).startsWith("late-failure could not be read").contains("line 182");
        assertThat(page.text("#upload-status")).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> choosable = (List<String>) browser.script("""
                return [...document.getElementById('f-dataset').options].filter(o => !o.disabled).map(o => o.value);
                """);
        assertThat(choosable).as("a failed dataset cannot be trained on").doesNotContain("late-failure");
        assertThat(datasetOptions("f-dataset")).isEqualTo(api.datasetNames());
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void awaitPickersFilled() {
        await().atMost(Duration.ofSeconds(20)).until(() -> datasetOptions("f-dataset").size() >= 2);
    }

    /** The dataset names a picker offers (its own fixed choices, such as "any", left out). */
    @SuppressWarnings("unchecked")
    private List<String> datasetOptions(String id) {
        return (List<String>) browser.script("""
                return [...document.getElementById(arguments[0]).options]
                    .filter(o => !o.dataset.fixed).map(o => o.value);
                """, id);
    }

    /** The class names the gallery shows for a dataset, in order; empty while it shows another one. */
    @SuppressWarnings("unchecked")
    private List<String> galleryOf(String dataset) {
        return (List<String>) browser.script("""
                const gallery = document.getElementById('gallery');
                if (gallery.dataset.dataset !== arguments[0]) return [];
                return [...gallery.querySelectorAll('.gallery-class figcaption')].map(f => f.textContent);
                """, dataset);
    }

    /** Every gallery image has loaded as a 28×28 picture. */
    private void awaitImagesLoaded(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> (Boolean) browser.script("""
                const images = [...document.querySelectorAll('#gallery img')];
                return images.length === arguments[0]
                    && images.every(i => i.complete && i.naturalWidth === 28 && i.naturalHeight === 28);
                """, count));
    }

    /** From now on, every value of the upload progress bar and every text of the upload status is recorded. */
    private void recordUploadState() {
        browser.script("""
                window.progressSeen = [];
                window.statusSeen = [];
                const bar = document.getElementById('upload-progress');
                new MutationObserver(() => window.progressSeen.push(Number(bar.value)))
                    .observe(bar, {attributes: true, attributeFilter: ['value']});
                const status = document.getElementById('upload-status');
                new MutationObserver(() => window.statusSeen.push(status.textContent))
                    .observe(status, {childList: true, characterData: true, subtree: true});
                """);
    }

    @SuppressWarnings("unchecked")
    private List<Double> recorded(String name) {
        return ((List<Number>) browser.script("return window." + name)).stream().map(Number::doubleValue).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> recordedTexts() {
        return (List<String>) browser.script("return window.statusSeen");
    }

    /** Limits the browser's upload speed in bytes per second; -1 lifts the limit. */
    private void throttleUploads(int bytesPerSecond) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", bytesPerSecond));
    }

    /**
     * A Kaggle-style CSV (header, then label and 784 pixels per line) of {@code perClass} images of each of three
     * classes: a bright horizontal bar at the top, the middle or the bottom, of random length, with a little noise.
     */
    static String barsCsv(int perClass, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("label");
        for (int i = 0; i < 784; i++) {
            csv.append(",pixel").append(i);
        }
        csv.append('\n');
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            labels.addAll(List.of(0, 1, 2));
        }
        for (int label : labels) {
            int top = 4 + 8 * label + random.nextInt(3);
            int left = 2 + random.nextInt(6);
            int right = 20 + random.nextInt(7);
            csv.append(label);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean bar = y >= top && y < top + 4 && x >= left && x < right;
                    int v = bar ? 180 + random.nextInt(76) : (random.nextInt(20) == 0 ? random.nextInt(60) : 0);
                    csv.append(',').append(v);
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
