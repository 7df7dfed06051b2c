package io.digitnet.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.digitnet.TestFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page at {@code /}, driven in the system's headless Chromium against the real service on a random port, on the
 * real MNIST. Screenshots of every step are written to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPageBrowserIntegrationTests {

    private static final Duration TRAINING = Duration.ofMinutes(3);
    private static final Path STORES = TestFolders.create("digitnet-browser-tests-");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        // jobs and models of these tests stay out of the developer's data directory; the datasets are shared
        registry.add("digitnet.models.dir", () -> STORES.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> STORES.resolve("jobs").toString());
        // more progress events than in production, so that even a fast machine shows a curve, not a jump
        registry.add("digitnet.jobs.progress-interval", () -> "50ms");
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
    }

    @Test
    void consoleErrorsAreCaught() {
        // the hook the other tests rely on: an error the page would log must be seen
        browser.script("console.error('probe from the test')");

        assertThat(browser.consoleErrors()).anyMatch(entry -> entry.getMessage().contains("probe from the test"));
    }

    /**
     * The page's Content-Security-Policy is in force (an inline script is blocked and reported) and the page passes
     * it: the other tests, which use every part of the page, see no console error, CSP violations included.
     */
    @Test
    void theContentSecurityPolicyIsEnforcedAndThePagePassesIt() {
        assertThat(browser.consoleErrors()).isEmpty();
        browser.script("""
                const s = document.createElement('script');
                s.textContent = 'window.injected = true';
                document.body.appendChild(s);
                """);

        assertThat(browser.script("return window.injected === true")).isEqualTo(false);
        assertThat(browser.consoleErrors()).anyMatch(entry -> entry.getMessage().contains("Content Security Policy"));
    }

    @Test
    void everyControlHasALabelAndThePageLoadsCleanly() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) browser.script("""
                return [...document.querySelectorAll('input, select, textarea, progress')]
                    .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')
                                 && !e.getAttribute('aria-labelledby'))
                    .map(e => e.id || e.outerHTML);
                """);
        @SuppressWarnings("unchecked")
        List<String> unnamedCanvases = (List<String>) browser.script("""
                return [...document.querySelectorAll('canvas')]
                    .filter(c => !c.getAttribute('aria-labelledby') && !c.getAttribute('aria-label'))
                    .map(c => c.id);
                """);
        Long liveRegions = (Long) browser.script("return document.querySelectorAll('[aria-live], [role=status]').length");

        assertThat(unlabelled).isEmpty();
        assertThat(unnamedCanvases).isEmpty();
        assertThat(liveRegions).isGreaterThanOrEqualTo(3);
        assertThat(page.text("#train-title")).isEqualTo("Train a network");
        browser.screenshot("01-page-loaded");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void onAPhoneThePageFitsTheScreenAndTheFingerDraws() {
        api.ensureModel();   // what the network saw is the service's answer, so a model must answer
        browser.emulatePhone();
        page.open();

        page.draw(true, Page.SEVEN);

        await().atMost(Duration.ofSeconds(30)).until(() -> page.find("#prediction-result").isDisplayed());
        Long pageWidth = (Long) browser.script("return document.documentElement.scrollWidth");
        Long screenWidth = (Long) browser.script("return window.innerWidth");
        assertThat(pageWidth).as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(screenWidth);
        assertThat(screenWidth).isEqualTo(390L);
        assertThat(page.inkOf("seen")).as("the 28×28 image of the finger's drawing").isGreaterThan(20.0);
        browser.screenshot("02-phone");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aTrainingJobIsWatchedLiveToCompletionAndItsModelEvaluated() {
        page.fill("f-name", "browser-watch");
        page.choose("f-dataset", "mnist");
        page.fill("f-hiddenSize", "20");
        page.choose("f-activation", "relu");
        page.choose("f-weightInit", "he");
        page.choose("f-optimizer", "sgd");
        page.fill("f-learningRate", "0.1");
        page.fill("f-batchSize", "100");
        page.fill("f-epochs", "2");
        page.fill("f-seed", "7");
        page.recordProgress();

        page.find("#train-submit").click();

        awaitTraining().until(() -> !page.text("#job-status").isBlank()
                && !page.text("#job-status").equals("QUEUED"));
        if (page.text("#job-status").equals("RUNNING")) {
            browser.screenshot("03-training-running");
        }
        awaitTraining().until(() -> page.text("#job-status").equals("SUCCEEDED"));
        List<Double> progress = page.recordedProgress();
        String jobId = page.find("#jobs-list li").getAttribute("data-job-id");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> page.text("#jobs-list li[data-job-id='" + jobId + "'] .badge").equals("SUCCEEDED"));
        String modelId = api.job(jobId).get("modelId").toString();
        String modelRow = "#models-body tr[data-model-id='" + modelId + "']";
        await().atMost(Duration.ofSeconds(10)).until(() -> page.count(modelRow) == 1);
        browser.screenshot("04-training-finished");

        assertThat(progress).as("progress bar values seen while watching").isNotEmpty().isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(progress).as("live updates between start and end").anyMatch(p -> p > 0 && p < 1);
        assertThat(page.find("#job-progress").getAttribute("value")).isEqualTo("1");
        assertThat(page.find("#jobs-list li[data-job-id='" + jobId + "'] progress").getAttribute("value"))
                .isEqualTo("1");
        assertThat(Integer.parseInt(page.find("#loss-chart").getAttribute("data-points")))
                .as("points on the loss chart").isGreaterThanOrEqualTo(3);
        assertThat(page.find("#accuracy-chart").getAttribute("data-points")).isEqualTo("2");
        assertThat(page.text("#accuracy-summary")).contains("epoch 1:", "epoch 2:");
        assertThat(page.inkOf("loss-chart")).as("the loss chart is drawn").isGreaterThan(0);
        assertThat(percentIn(page.text(modelRow + " .test-accuracy"))).isGreaterThan(85.0);

        page.find(modelRow + " .show-evaluation").click();
        await().atMost(TRAINING).until(() -> page.count("#confusion tbody tr") == 10);
        browser.screenshot("05-confusion-matrix");
        @SuppressWarnings("unchecked")
        List<List<Long>> matrix = (List<List<Long>>) browser.script("""
                return [...document.querySelectorAll('#confusion tbody tr')]
                    .map(tr => [...tr.querySelectorAll('td:not(.num)')].map(td => Number(td.textContent)));
                """);
        assertThat(matrix).hasSize(10).allSatisfy(row -> assertThat(row).hasSize(10));
        assertThat(matrix.stream().flatMap(List::stream).mapToLong(Long::longValue).sum()).isEqualTo(10_000);
        for (int i = 0; i < 10; i++) {
            List<Long> row = matrix.get(i);
            long diagonal = row.get(i);
            assertThat(row).as("row %d: the diagonal holds most answers", i).allMatch(count -> count <= diagonal);
        }

        page.find(modelRow + " .set-production").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text(modelRow + " .aliases").contains("production"));
        assertThat(api.model(modelId).get("aliases").toString()).contains("production");
        browser.screenshot("06-production-alias");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void validationErrorsOfTheApiAppearNextToTheirField() {
        page.fill("f-hiddenSize", "-5");

        page.find("#train-submit").click();

        await().atMost(Duration.ofSeconds(10))
                .failFast("the job was accepted", () -> page.find("#job-detail").isDisplayed())
                .until(() -> page.find("#err-hiddenSize").isDisplayed());
        assertThat(page.text("#err-hiddenSize")).isNotBlank();
        assertThat(page.find("#f-hiddenSize").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.text("#train-error")).isNotBlank();
        assertThat(page.find("#err-epochs").isDisplayed()).isFalse();
        browser.screenshot("07-validation-error");

        page.fill("f-hiddenSize", "20");
        assertThat(page.find("#err-hiddenSize").isDisplayed()).as("the error goes once the field is edited").isFalse();
        // the browser reports the 400 itself; nothing else may go wrong
        assertThat(browser.consoleErrors()).allMatch(about("/jobs").and(about("400")));
    }

    @Test
    void aRunningJobIsCancelled() {
        page.fill("f-name", "browser-cancel");
        page.fill("f-hiddenSize", "50");
        page.fill("f-epochs", "50");

        page.find("#train-submit").click();
        awaitTraining().until(() -> page.text("#job-status").equals("RUNNING")
                && Double.parseDouble(page.find("#job-progress").getAttribute("value")) > 0);
        page.find("#job-cancel").click();

        await().atMost(Duration.ofSeconds(30)).until(() -> page.text("#job-status").equals("CANCELLED"));
        assertThat(page.find("#job-cancel").isEnabled()).isFalse();
        assertThat(api.job(page.find("#job-title").getAttribute("title")).get("status")).isEqualTo("CANCELLED");
        browser.screenshot("08-cancelled");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aDigitDrawnOnThePadIsRecognised() {
        api.ensureModel();
        page.open();

        page.draw(false, Page.ONE);

        awaitPrediction();
        browser.screenshot("09-drawn-one-predicted");
        assertThat(page.text("#prediction-digit")).isEqualTo("1");
        assertThat(page.text("#prediction-model")).contains("trained on mnist");
        assertThat(page.text("#probabilities-summary")).startsWith("1: ");
        assertThat(page.inkOf("seen")).as("the 28×28 image the network saw").isGreaterThan(10);
        assertThat(page.inkOf("probabilities-chart")).as("the bar chart is drawn").isGreaterThan(0);

        page.find("#pad-clear").click();
        page.draw(false, Page.SEVEN);
        awaitPrediction();
        browser.screenshot("10-drawn-seven-predicted");
        assertThat(page.text("#prediction-digit")).isEqualTo("7");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /**
     * One preprocessing exists, the service's: the pad sends its picture to /predict/image (never pixels of its own to
     * /predict), and what the network saw is exactly what /predict/image makes of that picture.
     */
    @Test
    void theDrawingPadSendsItsPictureToPredictImage() {
        api.ensureModel();
        page.open();

        page.draw(false, Page.SEVEN);

        awaitPrediction();
        List<String> requests = page.requestedUrls();
        assertThat(requests).anyMatch(url -> url.endsWith("/predict/image"));
        assertThat(requests).noneMatch(url -> url.endsWith("/predict"));
        String dataUrl = (String) browser.script("return document.getElementById('pad').toDataURL('image/png')");
        byte[] picture = java.util.Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        @SuppressWarnings("unchecked")
        List<Number> service = (List<Number>) api.predictImage(picture).get("pixels");
        // each stroke's end sends the pad; the first answer shown may be of the 7's first stroke only, so wait for
        // the answer to the whole picture
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<Double> seen = page.seenPixels();
            assertThat(seen).hasSize(784);
            for (int i = 0; i < 784; i++) {
                assertThat(seen.get(i)).as("pixel %d", i)
                        .isCloseTo(service.get(i).doubleValue(), within(1 / 255.0 + 1e-6));
            }
        });
        assertThat(page.inkOf("seen")).isGreaterThan(10);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /**
     * Submitting the form untouched trains what POST /jobs with {} trains, and choosing an optimizer leaves its own
     * default learning rate: the form shows the API's defaults.
     */
    @Test
    void theTrainFormStartsWithTheApiDefaults() {
        List<String> compared = List.of("dataset", "hiddenSize", "activation", "weightInit", "optimizer",
                "learningRate", "batchSize", "epochs", "iterations", "trainSize", "trainMetrics", "earlyStopping");
        for (String optimizer : List.of("sgd", "adam")) {
            page.open();
            page.choose("f-optimizer", optimizer);
            assertThat(page.find("#f-learningRate").getAttribute("placeholder")).as("the rate the API will use")
                    .startsWith(optimizer.equals("adam") ? "0.001" : "0.1");

            String before = String.valueOf(page.find("#job-title").getAttribute("title"));
            page.find("#train-submit").click();
            await().atMost(Duration.ofSeconds(30))
                    .failFast("the API refused the job", () -> page.find("#train-error").isDisplayed())
                    .until(() -> page.find("#job-title").getAttribute("title") != null
                            && !page.find("#job-title").getAttribute("title").isBlank()
                            && !page.find("#job-title").getAttribute("title").equals(before));
            String fromForm = page.find("#job-title").getAttribute("title");
            api.cancelJob(fromForm);
            Map<String, Object> bare = api.submitJob(optimizer.equals("sgd") ? Map.of() : Map.of("optimizer", optimizer));
            api.cancelJob(bare.get("id").toString());

            @SuppressWarnings("unchecked")
            Map<String, Object> formConfig = (Map<String, Object>) api.job(fromForm).get("config");
            @SuppressWarnings("unchecked")
            Map<String, Object> apiConfig = (Map<String, Object>) api.job(bare.get("id").toString()).get("config");
            for (String key : compared) {
                assertThat(formConfig.get(key)).as("%s with %s", key, optimizer).isEqualTo(apiConfig.get(key));
            }
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /**
     * A job that finished before the page opened it still shows a loss curve (each epoch's mean training loss), not
     * "waiting for the first iterations", and no text under a chart is cut off at the canvas's edge.
     */
    @Test
    void aFinishedJobShowsItsLossPerEpochWithItsAxisLabelsWhole() {
        String modelId = api.ensureModel();
        String jobId = api.model(modelId).get("jobId").toString();
        page.open();

        await().atMost(Duration.ofSeconds(20)).until(() -> page.count("#jobs-list li[data-job-id='" + jobId + "']") == 1);
        page.find("#jobs-list li[data-job-id='" + jobId + "'] button").click();

        await().atMost(Duration.ofSeconds(20)).until(() -> page.text("#job-status").equals("SUCCEEDED"));
        @SuppressWarnings("unchecked")
        List<Object> history = (List<Object>) api.job(jobId).get("history");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> page.find("#loss-chart").getAttribute("data-points").equals(String.valueOf(history.size())));
        assertThat(browser.script("return document.getElementById('loss-chart').chart.shownEmptyText")).isNull();
        assertThat(page.text("#loss-summary")).startsWith("Mean training loss of each epoch");
        assertThat(page.inkOf("loss-chart")).isGreaterThan(0);
        assertWhole(browser.script("""
                const c = document.getElementById('loss-chart');
                return {width: c.clientWidth, texts: c.chart.xTexts};
                """), "iteration");
        browser.screenshot("12-finished-job-loss", "#watch");

        // a long run's last tick ("3000") at the right edge of the plot stays inside the canvas too
        Object wide = page.withModule("charts.js", """
                const canvas = document.createElement('canvas');
                canvas.className = 'chart';
                canvas.setAttribute('aria-label', 'probe');
                document.querySelector('#watch figure').append(canvas);
                const chart = new m.LineChart(canvas, {xLabel: 'iteration', xMin: 0, xMax: 3000});
                chart.setSeries([{name: 'loss', color: 'accent', points: [[0, 2.3], [1500, 0.5], [3000, 0.3]]}]);
                const result = {width: canvas.clientWidth, texts: chart.xTexts};
                canvas.remove();
                return result;
                """);
        assertWhole(wide, "3000");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void assertWhole(Object drawn, String expectedText) {
        Map<String, Object> chart = (Map<String, Object>) drawn;
        double width = ((Number) chart.get("width")).doubleValue();
        List<Map<String, Object>> texts = (List<Map<String, Object>>) chart.get("texts");
        assertThat(texts).extracting(t -> t.get("text")).contains(expectedText);
        assertThat(texts).allSatisfy(t -> {
            assertThat(((Number) t.get("left")).doubleValue()).as("left of %s", t.get("text")).isGreaterThanOrEqualTo(0);
            assertThat(((Number) t.get("right")).doubleValue()).as("right of %s", t.get("text"))
                    .isLessThanOrEqualTo(width);
        });
    }

    @Test
    void anImageFileIsRecognisedWhenChosenOrDropped() throws IOException {
        api.ensureModel();
        page.open();
        Path seven = DigitImages.writeInvertedPng(0, Files.createTempDirectory(STORES, "images"));

        page.find("#image-file").sendKeys(seven.toAbsolutePath().toString());

        awaitPrediction();
        assertThat(page.text("#prediction-digit")).isEqualTo("7");
        assertThat(page.inkOf("seen")).as("the pixels /predict/image fed to the network").isGreaterThan(10);
        browser.screenshot("11-image-file-predicted");

        page.find("#pad-clear").click();
        page.dropFile(seven);
        awaitPrediction();
        assertThat(page.text("#prediction-digit")).isEqualTo("7");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Waits for the page to show a prediction, failing at once with the page's message when it shows an error. */
    private void awaitPrediction() {
        await().atMost(Duration.ofSeconds(30))
                .failFast(() -> {
                    if (page.find("#try-error").isDisplayed()) {
                        throw new AssertionError("the page shows: " + page.text("#try-error"));
                    }
                })
                .until(() -> page.find("#prediction-result").isDisplayed());
    }

    /** Waits for a job started from the page, failing at once when the API refused it or the job failed. */
    private ConditionFactory awaitTraining() {
        return await().atMost(TRAINING)
                .failFast("the API refused the job", () -> page.find("#train-error").isDisplayed())
                .failFast("the job failed", () -> page.text("#job-status").equals("FAILED"));
    }

    private static double percentIn(String text) {
        return Double.parseDouble(text.replace("%", "").trim());
    }

    static Predicate<LogEntry> about(String text) {
        return entry -> entry.getMessage().contains(text);
    }
}
