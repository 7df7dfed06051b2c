package io.digitnet.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The digitnet page as the browser tests use it: its elements, the drawing pad and its down-sampling module. */
final class Page {

    /** Strokes of a 7 in pad pixels (0..280): the top bar, then the diagonal. */
    static final int[][][] SEVEN = {
            {{70, 60}, {110, 58}, {150, 57}, {200, 58}, {205, 62}},
            {{205, 62}, {190, 100}, {175, 140}, {160, 180}, {148, 215}, {140, 240}},
    };

    /** A 1: one upright stroke, slightly slanted as handwriting is. */
    static final int[][][] ONE = {
            {{150, 45}, {147, 80}, {144, 120}, {141, 160}, {138, 200}, {136, 235}},
    };

    private final HeadlessChromium browser;
    private final String url;

    Page(HeadlessChromium browser, String url) {
        this.browser = browser;
        this.url = url;
    }

    /** Loads the page and waits until its script has wired everything. */
    void open() {
        browser.driver().get(url);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(driver -> "true".equals(browser.script("return document.documentElement.dataset.ready")));
    }

    WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    String text(String css) {
        try {
            return find(css).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
            return find(css).getText();   // the table was re-rendered between finding and reading: read the new one
        }
    }

    void fill(String id, String value) {
        WebElement input = find("#" + id);
        input.clear();
        input.sendKeys(value);
    }

    void choose(String id, String value) {
        new Select(find("#" + id)).selectByValue(value);
    }

    int count(String css) {
        return browser.driver().findElements(By.cssSelector(css)).size();
    }

    /** From now on, every value the selected job's progress bar takes is recorded in the page. */
    void recordProgress() {
        browser.script("""
                window.progressSeen = [];
                const bar = document.getElementById('job-progress');
                new MutationObserver(() => window.progressSeen.push(Number(bar.value)))
                    .observe(bar, {attributes: true, attributeFilter: ['value']});
                """);
    }

    @SuppressWarnings("unchecked")
    List<Double> recordedProgress() {
        return ((List<Number>) browser.script("return window.progressSeen")).stream()
                .map(Number::doubleValue)
                .toList();
    }

    /** Drops a file on the image drop zone as a drag from the desktop would, through a DataTransfer. */
    void dropFile(Path file) {
        String base64;
        try {
            base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        browser.script("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], arguments[1], {type: 'image/png'}));
                const zone = document.getElementById('drop-zone');
                for (const type of ['dragenter', 'dragover', 'drop']) {
                  zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: transfer}));
                }
                """, base64, file.getFileName().toString());
    }

    /**
     * Draws strokes on the pad with a mouse or a finger. Points are in pad pixels; the pad may be shown smaller
     * (on a phone), so they are scaled to its size on screen, as offsets from its centre.
     */
    void draw(boolean touch, int[][]... strokes) {
        WebElement pad = find("#pad");
        double scale = pad.getSize().getWidth() / 280.0;
        PointerInput pointer = new PointerInput(touch ? PointerInput.Kind.TOUCH : PointerInput.Kind.MOUSE,
                touch ? "finger" : "mouse");
        List<Sequence> sequences = new ArrayList<>();
        Sequence sequence = new Sequence(pointer, 0);
        for (int[][] stroke : strokes) {
            for (int i = 0; i < stroke.length; i++) {
                int x = (int) Math.round((stroke[i][0] - 140) * scale);
                int y = (int) Math.round((stroke[i][1] - 140) * scale);
                sequence.addAction(pointer.createPointerMove(i == 0 ? Duration.ZERO : Duration.ofMillis(30),
                        PointerInput.Origin.fromElement(pad), x, y));
                if (i == 0) {
                    sequence.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
                }
            }
            sequence.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        }
        sequences.add(sequence);
        browser.driver().perform(sequences);
    }

    /** The sum of the red channel of a canvas, in units of full pixels: how much light ink it shows. */
    double inkOf(String canvasId) {
        return ((Number) browser.script("""
                const c = document.getElementById(arguments[0]);
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let sum = 0;
                for (let i = 0; i < data.length; i += 4) sum += data[i];
                return sum / 255;
                """, canvasId)).doubleValue();
    }

    /** Runs a function body with the page's module {@code path} (under js/) as {@code m}; returns what it returns. */
    Object withModule(String path, String body) {
        return browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./js/%s')
                  .then(m => done((m => { %s })(m)))
                  .catch(e => done('error: ' + e));
                """.formatted(path, body));
    }

    /** The URLs the page has requested so far (fetch, XMLHttpRequest, images), in order. */
    @SuppressWarnings("unchecked")
    List<String> requestedUrls() {
        return (List<String>) browser.script("return performance.getEntriesByType('resource').map(e => e.name)");
    }

    /** The 784 values of the 28×28 canvas "what the network saw", in [0, 1]. */
    @SuppressWarnings("unchecked")
    List<Double> seenPixels() {
        return ((List<Number>) browser.script("""
                const data = document.getElementById('seen').getContext('2d').getImageData(0, 0, 28, 28).data;
                return Array.from({length: 784}, (_, i) => data[4 * i] / 255);
                """)).stream().map(Number::doubleValue).toList();
    }
}
