package io.digitnet.ui;

import io.digitnet.TestFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's headless Chromium driven through the system chromedriver (Debian packages {@code chromium} and
 * {@code chromium-driver}), so that Selenium Manager never downloads a browser or a driver. Other locations can be
 * given with the system properties {@code digitnet.chromium} and {@code digitnet.chromedriver}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a fresh profile and a window of the given CSS size. */
    static HeadlessChromium start(int width, int height) {
        Path chromium = Path.of(System.getProperty("digitnet.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("digitnet.chromedriver", "/usr/bin/chromedriver"));
        for (Path executable : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is missing: the browser tests need Chromium and its "
                        + "driver (Debian: apt-get install -y chromium chromium-driver), or the system properties "
                        + "digitnet.chromium and digitnet.chromedriver pointing at them");
            }
        }
        Path profile = TestFolders.create("digitnet-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The console's errors since the last call: uncaught exceptions, console.error, failed requests. */
    List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    /** Makes the page a phone's: 390×844 CSS pixels, touch input, the mobile viewport rules applied. */
    void emulatePhone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    }

    /** Back to the desktop window the browser started with. */
    void stopEmulation() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
    }

    /** Saves a screenshot of the whole page (not only the window) as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        // from the top, so that the sticky header is drawn where it belongs
        script("window.scrollTo({top: 0, left: 0, behavior: 'instant'})");
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        return capture(name, Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
                "scale", 1));
    }

    /** Saves a screenshot of one element (a section, say) as target/screenshots/{name}.png. */
    Path screenshot(String name, String cssSelector) {
        script("window.scrollTo({top: 0, left: 0, behavior: 'instant'})");
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) script(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                        + "return {x: r.left + window.scrollX, y: r.top + window.scrollY,"
                        + " width: r.width, height: r.height};", cssSelector);
        return capture(name, Map.of("x", box.get("x"), "y", box.get("y"), "width", box.get("width"),
                "height", box.get("height"), "scale", 1));
    }

    private Path capture(String name, Map<String, Object> clip) {
        String png = (String) driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode(png));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
