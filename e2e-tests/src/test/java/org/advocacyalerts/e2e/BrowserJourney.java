package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A person's journey through the pages in a real browser (headless Chromium) against the packaged
 * services of {@code bin/local-stack}, started for the class and stopped after it; each page is kept as
 * a screenshot (target/screenshots) and checked with axe-core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserJourney {

    StackProcess stack;
    Browser browser;

    @BeforeAll
    void start() throws IOException {
        stack = StackProcess.start(getClass().getSimpleName(), Map.of());
        browser = new Browser();
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.stopAndLeaveNothingBehind();
        }
    }

    /** The page as {@code name}.png, and no serious or critical accessibility violation in it. */
    void accessibleAndKept(String name) throws IOException {
        browser.screenshot(name);
        assertThat(browser.seriousAccessibilityViolations()).as(name).isEmpty();
    }
}
