package io.digitnet.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.digitnet.TestFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The page's sweep section in the system's headless Chromium against the real service: the form starts a sweep, the
 * leaderboard and the overlaid curves follow it live, and "serve the best" points production at the winner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SweepPageBrowserIntegrationTests {

    private static final Duration TRAINING = Duration.ofMinutes(3);
    private static final Path STORES = TestFolders.create("digitnet-sweep-browser-tests");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> STORES.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> STORES.resolve("jobs").toString());
        registry.add("digitnet.sweeps.dir", () -> STORES.resolve("sweeps").toString());
    }

    @RegisterExtension
    static final BrowserSession session = new BrowserSession();

    private HeadlessChromium browser;
    private Page page;

    @BeforeEach
    void openPage() {
        browser = session.browser();
        page = session.page();
        browser.consoleErrors(); // reading the log empties it: each test sees its own errors only
    }

    @Test
    void aSweepFromTheFormIsFollowedLiveAndItsBestModelServed() {
        page.fill("s-name", "browser-sweep");
        page.fill("s-epochs", "2");
        page.fill("s-seed", "5");
        page.fill("s-hiddenSize", "8, 16");
        page.fill("s-activation", "relu");
        page.fill("s-batchSize", "500");

        page.find("#sweep-submit").click();

        await().atMost(Duration.ofSeconds(20)).until(() -> page.count("#leaderboard-body tr") == 2);
        await().atMost(TRAINING).until(() -> "SUCCEEDED".equals(page.find("#sweep-detail").getAttribute(
                "data-status")));
        browser.screenshot("sweep-01-finished", "#sweep");

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#leaderboard-body tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getAttribute("class")).contains("best");
        assertThat(rows.get(0).getText()).contains("SUCCEEDED");
        assertThat(rows.get(1).getText()).contains("SUCCEEDED");
        assertThat(page.text("#sweep-progress")).isEqualTo("2 / 2 trials done");
        assertThat(page.find("#sweep-curves").getAttribute("data-series")).isEqualTo("2");
        assertThat(page.inkOf("sweep-curves")).as("the curves are drawn").isGreaterThan(0);
        assertThat(page.text("#sweep-curves-summary")).contains("Best so far: trial #");

        String bestModel = rows.get(0).findElement(By.cssSelector(".model-id")).getText();
        page.find("#sweep-serve").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#sweep-message").contains(bestModel));
        @SuppressWarnings("unchecked")
        var production = RestClient.create(session.baseUrl()).get().uri("/models/production").retrieve()
                .body(java.util.Map.class);
        assertThat(production.get("id")).isEqualTo(bestModel);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aBadSweepIsExplainedUnderTheForm() {
        page.fill("s-hiddenSize", "8, 0");
        page.find("#sweep-submit").click();

        await().atMost(Duration.ofSeconds(10)).until(() -> page.find("#sweep-error").isDisplayed());
        assertThat(page.text("#sweep-error")).contains("grid.hiddenSize");
    }
}
