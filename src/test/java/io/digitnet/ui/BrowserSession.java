package io.digitnet.ui;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A JUnit extension for the browser tests of a {@code @SpringBootTest} on a random port: one headless Chromium
 * (1280×1000) for the test class, and before each test the page at {@code /} of the running service opened afresh,
 * with an {@link Api} client for the same service; after each test the browser is back to its desktop window.
 * Register it on a static field: {@code @RegisterExtension static final BrowserSession session = ...}.
 */
final class BrowserSession implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private HeadlessChromium browser;
    private String baseUrl;
    private Page page;
    private Api api;

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = HeadlessChromium.start(1280, 1000);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        int port = SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port", Integer.class);
        baseUrl = "http://localhost:" + port;
        page = new Page(browser, baseUrl + "/");
        api = new Api(baseUrl);
        page.open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        browser.stopEmulation();
    }

    HeadlessChromium browser() {
        return browser;
    }

    /** The page at {@code /}, opened before this test. */
    Page page() {
        return page;
    }

    Api api() {
        return api;
    }

    /** {@code http://localhost:<port>} of the service under test. */
    String baseUrl() {
        return baseUrl;
    }
}
