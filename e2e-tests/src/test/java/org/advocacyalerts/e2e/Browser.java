package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.advocacyalerts.local.Directories;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CapabilityType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (nothing downloaded), as a person
 * with a phone-sized window uses the pages; each page can be checked by axe-core and kept as a
 * screenshot in {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    private static final Path AXE = StackProcess.ROOT.resolve("e2e-tests/browser/node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = StackProcess.ROOT.resolve("e2e-tests/target/screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    private final Path profile;

    Browser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(new File(chromium()))
                // No network but loopback here: no background or component traffic (refused, and slow).
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=390,844", // a phone
                        "--user-data-dir=" + profile);
        // A dialog a page opens stays open: the test sees it, nothing dismisses it for us.
        options.setCapability(CapabilityType.UNHANDLED_PROMPT_BEHAVIOUR, UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Chromium is missing: apt-get install chromium chromium-driver (.ci/run does)");
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Clicks what submits a form or follows a link, and waits until the next page has replaced this one
     * and has loaded. The old page is marked in its window object, which a new document never has; waiting
     * for the old {@code <html>} element to go stale instead races with the navigation (chromedriver
     * answers "Node with given id does not belong to the document" while the old document is torn down),
     * so errors while the pages change hands are polled past.
     */
    void clickAndWait(String css) {
        driver.executeScript("window.advocacyAlertsLeaving = true;");
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class)
                .withMessage(() -> "no new page after clicking " + css)
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return window.advocacyAlertsLeaving !== true && document.readyState === 'complete';")));
    }

    String text() {
        return find("body").getText();
    }

    /** Whether a dialog (alert, confirm, prompt) is open: a script a page was given ran. */
    boolean dialogOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** The page as a PNG in target/screenshots/{name}.png. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The serious and critical accessibility violations axe-core finds in the page (WCAG 2 A and AA and
     * best practices), each as "rule: help (n elements)".
     */
    List<String> seriousAccessibilityViolations() {
        assertThat(AXE)
                .as("axe-core is installed by the build (npm ci in e2e-tests/browser)")
                .exists();
        String axe;
        try {
            axe = Files.readString(AXE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavascriptExecutor js = driver;
        js.executeScript(axe); // the DevTools protocol runs it whatever the page's Content-Security-Policy
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations)))
                   .catch(e => done(JSON.stringify({error: String(e)})));""");
        List<String> serious = new ArrayList<>();
        try {
            JsonNode violations = JSON.readTree(String.valueOf(result));
            assertThat(violations.isArray()).as("axe ran: " + result).isTrue();
            for (JsonNode violation : violations) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(violation.path("id").asText() + ": "
                            + violation.path("help").asText() + " ("
                            + violation.path("nodes").size() + " elements: "
                            + violation.at("/nodes/0/html").asText() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serious;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        Directories.delete(profile);
    }
}
