package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.local.WebhookReceiver.Answer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The staff console in a real browser (headless Chromium) against the packaged services of {@code
 * bin/local-stack}: staff sign in with the admin key, see a statement with its evidence marked, edit a
 * topic with its backtest and save it, send a dead letter again, look at sources (from statement-ingest)
 * with their health, and activity, and sign out; a script in a topic's name stays inert; every page passes axe-core
 * without a serious violation. Screenshots of each page: target/screenshots.
 */
class StaffConsoleBrowserIT extends BrowserJourney {

    @Test
    void staffSignInSeeEvidenceEditATopicAndSendADeadLetterAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answerInTurn(new Answer(500, Map.of("webhook-delivery", "abort-message")), Answer.of(204));
            subscribeWebhook(receiver.url());

            // Signed out, the console sends the browser to sign in.
            browser.open(stack.dispatcher() + "/admin");
            assertThat(browser.text()).contains("Sign in to the staff console", "Sign in to use the staff console.");
            accessibleAndKept("console-sign-in");
            browser.find("#key").sendKeys("aa_not-the-key");
            browser.clickAndWait("#sign-in");
            assertThat(browser.text()).contains("That is not a valid admin key");
            browser.find("#key").sendKeys(stack.adminKey());
            browser.clickAndWait("#sign-in");
            assertThat(browser.text()).contains("Latest statements");

            stack.postStatement(
                    "console-test",
                    "Prisoners of war",
                    "The Secretary spoke with the President. Azerbaijan must release the Armenian prisoners of war"
                            + " held in Baku without delay. Both sides met in Geneva.");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                browser.open(stack.dispatcher() + "/admin");
                return browser.text().contains("Prisoners of war");
            });
            accessibleAndKept("console-statements");
            browser.clickAndWait("article.statement h2 a");
            List<String> marked = browser.driver.findElements(By.cssSelector(".text mark")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(marked)
                    .containsExactly(
                            "Azerbaijan must release the Armenian prisoners of war held in Baku without delay.");
            accessibleAndKept("console-statement");

            // The topic editor: a broken query is named, a good one backtested, then saved.
            browser.open(stack.dispatcher() + "/admin/topics");
            accessibleAndKept("console-topics");
            browser.clickAndWait("a[href='/admin/topics/edit?id=prisoners']");
            WebElement query = browser.find("#query");
            String original = query.getAttribute("value");
            query.clear();
            query.sendKeys("(prisoners AND");
            // checked as it is typed (the page's own script), then by the button on the server
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> browser.find("#query-status").getText().startsWith("query: "));
            browser.clickAndWait("#check");
            assertThat(browser.text()).contains("Please correct", "query:");
            browser.find("#query").clear();
            browser.find("#query").sendKeys(original + " OR \"held in Baku\"");
            browser.clickAndWait("#check");
            assertThat(browser.find("#backtest-summary").getText())
                    .containsPattern("The query is valid\\. It would have matched [1-9]\\d* of the last 90 days'");
            assertThat(browser.find(".hits").getText()).contains("Prisoners of war", "held in Baku");
            accessibleAndKept("console-topic-backtest");
            browser.clickAndWait("#save");
            assertThat(browser.text()).contains("Saved: topic prisoners");
            assertThat(browser.find("#query").getAttribute("value")).endsWith("OR \"held in Baku\"");

            // The largest default topic is checked as it is typed too: its query and aliases are longer
            // than a URL may be, so the script posts them.
            browser.open(stack.dispatcher() + "/admin/topics/edit?id=peace-process");
            // A word of an alias group that is not its first term stands for the whole group: said as typed.
            browser.find("#query").sendKeys(" OR Bakou");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> browser.find("#query-status").getText().equals("The query is valid."));
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> browser.find("#query-notes")
                                    .getText()
                                    .contains(
                                            "Bakou stands for its whole alias group \u201cBaku\u201d (2 terms): it also finds Baku"));

            // A topic named with a script: shown as text, nothing runs.
            browser.open(stack.dispatcher() + "/admin/topics/edit");
            browser.find("#id").sendKeys("hostile-name");
            browser.find("#name").sendKeys("<script>alert('topic')</script>");
            browser.find("#description").sendKeys("<img src=x onerror=\"alert('description')\">");
            browser.find("#query").sendKeys("zzzyzzy");
            browser.clickAndWait("#save");
            browser.open(stack.dispatcher() + "/admin/topics");
            assertThat(browser.text()).contains("<script>alert('topic')</script>");
            assertThat(browser.dialogOpen()).as("a topic's name ran").isFalse();

            // The dead letter: the receiver refused the alert for good; staff send it again.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                browser.open(stack.dispatcher() + "/admin/deliveries?status=failed");
                return browser.driver
                                .findElements(By.cssSelector("button[id^=retry-]"))
                                .size()
                        == 1;
            });
            assertThat(browser.text()).contains("aborted");
            accessibleAndKept("console-dead-letters");
            browser.clickAndWait("button[id^=retry-]");
            assertThat(browser.text()).contains("is due again");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() == 2);
            browser.open(stack.dispatcher() + "/admin/deliveries?status=delivered");
            assertThat(browser.text()).contains("delivered · prisoners");
            accessibleAndKept("console-deliveries");

            browser.open(stack.dispatcher() + "/admin/subscriptions");
            assertThat(browser.text()).contains(receiver.url());
            accessibleAndKept("console-subscriptions");

            browser.open(stack.dispatcher() + "/admin/activity");
            assertThat(browser.driver.findElements(By.cssSelector("svg.bars rect title")).stream()
                            .map(t -> t.getAttribute("textContent")))
                    .anyMatch(t -> t.matches("\\d{4}-\\d{2}-\\d{2}: [1-9]\\d* statements"))
                    .anyMatch(t -> t.matches("\\d{4}-\\d{2}-\\d{2}: [1-9]\\d* alerts"));
            accessibleAndKept("console-activity");

            // Sources come from statement-ingest, asked with the signed-in admin's key: one feed that
            // works, one that answers 500.
            HttpServer feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] rss = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>"
                            + "<link>https://example.org/</link><description>none yet</description></channel></rss>")
                    .getBytes(StandardCharsets.UTF_8);
            feeds.createContext("/ok.xml", x -> {
                x.getResponseHeaders().add("Content-Type", "application/rss+xml");
                x.sendResponseHeaders(200, rss.length);
                x.getResponseBody().write(rss);
                x.close();
            });
            feeds.createContext("/broken.xml", x -> {
                x.sendResponseHeaders(500, -1);
                x.close();
            });
            feeds.start();
            try {
                String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
                addSource("local-feed", "A feed that works", base + "/ok.xml");
                addSource("broken-feed", "A feed that fails", base + "/broken.xml");
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    browser.open(stack.dispatcher() + "/admin/sources");
                    return browser.text().contains("A feed that fails · failing")
                            && browser.text().contains("A feed that works · healthy");
                });
                assertThat(browser.text()).contains("500", "Next poll:");
                accessibleAndKept("console-sources");
                browser.clickAndWait("#poll-local-feed");
                assertThat(browser.text()).contains("Source local-feed is being polled now.");
            } finally {
                feeds.stop(0);
            }

            browser.clickAndWait("#sign-out");
            assertThat(browser.text()).contains("You are signed out.");
            browser.open(stack.dispatcher() + "/admin/deliveries");
            assertThat(browser.text()).contains("Sign in to the staff console");
        }
    }

    private void subscribeWebhook(String target) throws IOException, InterruptedException {
        created(
                stack.dispatcher() + "/api/subscriptions",
                Map.of("channel", "webhook", "target", target, "topics", List.of("prisoners")));
    }

    private void addSource(String id, String name, String url) throws IOException, InterruptedException {
        created(
                stack.ingest() + "/api/sources",
                Map.of(
                        "id",
                        id,
                        "name",
                        name,
                        "url",
                        url,
                        "type",
                        "rss",
                        "pollIntervalSeconds",
                        3600,
                        "language",
                        "en"));
    }

    /** Posts {@code body} as the admin; expects 201. */
    private void created(String url, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + stack.adminKey())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url + ": " + answer.body()).isEqualTo(201);
    }
}
