package org.advocacyalerts.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.advocacyalerts.ingest.api.SourceRequest;
import org.advocacyalerts.ingest.api.SourceValidator;
import org.advocacyalerts.ingest.source.Source;
import org.advocacyalerts.ingest.store.SourceStore;
import org.advocacyalerts.ingest.testing.Http;
import org.advocacyalerts.ingest.testing.Polls;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.StatementRevised;
import org.advocacyalerts.support.SeedFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sources against a real HTTP server: the real White House RSS file with its items' pages, a feed
 * whose pages are gone (the feed's text stands in), and hostile feeds. Polling runs on its schedule.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class SourcePollingTest {

    private static final String WH = "whitehouse_briefing_room_rss_2023-09-28.xml";
    private static final String KARABAKH_SENTENCE = "The United States is deeply concerned by the explosion at a"
            + " fuel depot near Stepanakert, and we mourn those who lost their lives.";

    private static final String RELEASE = "The United States welcomes the release of four Armenian detainees"
            + " by Azerbaijan. We urge the release of all remaining detainees.";
    private static final String SECTION_907 = "The waiver of Section 907 of the FREEDOM Support Act is extended.";

    private static HttpServer server;
    private static final AtomicInteger notModified = new AtomicInteger();
    private static final AtomicReference<String> revisedPage = new AtomicReference<>();
    private static final Map<String, AtomicInteger> pageRequests = new ConcurrentHashMap<>();

    @BeforeAll
    static void serveFeeds() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        // Two copies of the White House site: /wh (counts page reads) and /wh-copy (for other tests), so
        // that statements of one test never dedupe against another's.
        for (String site : List.of("/wh", "/wh-copy")) {
            server.createContext(site + "/feed.xml", x -> {
                if ("\"wh-1\"".equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    x.sendResponseHeaders(304, -1);
                    x.close();
                    return;
                }
                String feed = new String(fixture(WH), StandardCharsets.UTF_8)
                        .replace("https://www.whitehouse.gov/", base() + site + "/");
                x.getResponseHeaders().add("ETag", "\"wh-1\"");
                send(x, 200, "application/rss+xml; charset=utf-8", feed);
            });
            server.createContext(site + "/briefing-room/", x -> {
                String path = x.getRequestURI().getPath();
                if ("\"page-1\"".equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                    x.sendResponseHeaders(304, -1); // looked at again for revisions: unchanged
                    x.close();
                    return;
                }
                if (site.equals("/wh")) {
                    pageRequests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                }
                x.getResponseHeaders().add("ETag", "\"page-1\"");
                String text = path.contains("nagorno-karabakh")
                        ? KARABAKH_SENTENCE + " We call for the protection of civilians."
                        : "This statement was published by the White House at " + path + ".";
                send(x, 200, "text/html; charset=utf-8", page(text));
            });
        }
        // The 2025-08-08 feed, its items' pages served with their real texts where the eval data has them.
        Map<String, String> realTexts = realTexts();
        server.createContext(
                "/wh25/feed.xml",
                x -> send(
                        x,
                        200,
                        "application/rss+xml",
                        new String(fixture("whitehouse_briefing_room_rss_2025-08-08.xml"), StandardCharsets.UTF_8)
                                .replace("https://www.whitehouse.gov/", base() + "/wh25/")));
        server.createContext("/wh25/", x -> {
            String path = x.getRequestURI().getPath().substring("/wh25".length());
            String text =
                    realTexts.getOrDefault(path, ("A White House statement published at " + path + ". ").repeat(5));
            StringBuilder html = new StringBuilder("<html><body><header><a href=/>The White House</a></header><main>");
            for (String paragraph : text.split("\n\s*\n")) {
                html.append("<p>").append(paragraph.replace("<", "&lt;")).append("</p>");
            }
            send(
                    x,
                    200,
                    "text/html; charset=utf-8",
                    html.append("</main><footer>Footer</footer></body></html>").toString());
        });
        server.createContext(
                "/hostile/billion-laughs.xml",
                x -> send(
                        x,
                        200,
                        "application/rss+xml",
                        new String(fixture("billion-laughs.xml"), StandardCharsets.UTF_8)));
        server.createContext("/hostile/huge", x -> Http.huge(x, 50));
        server.createContext("/hostile/drip", x -> Http.drip(x, 250, 200));
        server.createContext("/hostile/loop", x -> {
            x.getResponseHeaders().add("Location", "/hostile/loop");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        // Copies of one Atom feed whose pages are gone, one per test (statements dedupe by URL and text).
        for (String site : List.of("/osce", "/osce-copy", "/osce-other")) {
            server.createContext(
                    site + "/feed.atom",
                    x -> send(
                            x,
                            200,
                            "application/atom+xml",
                            new String(fixture("osce.atom"), StandardCharsets.UTF_8)
                                    .replace("https://www.osce.org/", base() + site + "/")
                                    .replace("href=\"/chairpersonship", "href=\"" + base() + site + "/gone")));
            server.createContext(site + "/", x -> send(x, 404, "text/html", "<html><body>Not found</body></html>"));
        }
        server.createContext(
                "/rev/feed.xml",
                x -> send(
                        x,
                        200,
                        "application/rss+xml",
                        "<rss version=\"2.0\"><channel><title>MFA</title><link>" + base()
                                + "/rev/</link><description>d</description>"
                                + "<item><title>Statement on detainees</title><link>" + base()
                                + "/rev/statement-1</link>"
                                + "<guid>mfa-statement-1</guid><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>"
                                + "</channel></rss>"));
        server.createContext("/rev/statement-1", x -> send(x, 200, "text/html", revisedPage.get()));
        // Items with little text: a two-sentence page, a page that is gone, a short page beside the feed's text.
        server.createContext(
                "/short/feed.xml",
                x -> send(
                        x,
                        200,
                        "application/rss+xml",
                        "<rss version=\"2.0\"><channel><title>State</title><link>" + base()
                                + "/short/</link><description>d</description>"
                                + "<item><title>Release of Armenian detainees</title><link>" + base()
                                + "/short/release</link><guid>short-1</guid></item>"
                                + "<item><title>Statement on the border</title><link>" + base()
                                + "/short/gone</link><guid>short-2</guid></item>"
                                + "<item><title>On Section 907</title><link>" + base()
                                + "/short/teaser</link><guid>short-3</guid><description>" + SECTION_907
                                + "</description></item></channel></rss>"));
        server.createContext(
                "/short/release",
                x -> send(
                        x,
                        200,
                        "text/html",
                        "<html><body><nav><a href=/>Home</a></nav><main><p>" + RELEASE + "</p></main></body></html>"));
        server.createContext(
                "/short/teaser",
                x -> send(x, 200, "text/html", "<html><body><main><p>Read more.</p></main></body></html>"));
        server.createContext("/short/gone", x -> send(x, 404, "text/html", "<html><body>Not found</body></html>"));
        server.createContext(
                "/hostile/xxe.xml",
                x -> send(x, 200, "application/rss+xml", new String(fixture("xxe.xml"), StandardCharsets.UTF_8)));
        server.createContext(
                "/hostile/noise", x -> send(x, 200, "application/rss+xml", "\u0000\u0001 not a feed at all"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** The real texts of the 2025-08-08 feed's items, by page path, Markdown links reduced to their words. */
    private static Map<String, String> realTexts() throws IOException {
        Map<String, String> texts = new HashMap<>();
        var json = new ObjectMapper();
        for (String line :
                new String(fixture("whitehouse_2025-08-08_texts.jsonl"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                var doc = json.readTree(line);
                String path = URI.create(doc.get("url").asText()).getPath();
                texts.put(path, doc.get("text").asText().replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1"));
            }
        }
        return texts;
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String page(String statement) {
        String paragraph =
                statement + " " + "The Administration will continue to work with partners in the region. ".repeat(3);
        return "<html><head><title>Statement</title></head><body><nav><a href=/>Home</a><a href=/news>News</a></nav>"
                + "<main><h1>Statement</h1><p>" + paragraph + "</p><p>" + paragraph.toUpperCase() + "</p></main>"
                + "<footer>The White House, 1600 Pennsylvania Ave NW</footer></body></html>";
    }

    private static byte[] fixture(String name) {
        try (InputStream in = SourcePollingTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        Http.send(x, status, type, body);
    }

    private static void addSource(String id, String url, String type) {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", id, "url", url, "type", type, "pollIntervalSeconds", 3600))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .body("id", equalTo(id))
                .body("status.itemsSeen", equalTo(0));
    }

    private static List<Statement> statementsOf(String sourceId) {
        return List.of(given().queryParam("sourceId", sourceId)
                .queryParam("limit", 500)
                .get("/api/statements")
                .then()
                .statusCode(200)
                .extract()
                .as(Statement[].class));
    }

    @Test
    void aFeedIsIngestedWithFullTextOnceAndAnUnchangedFeedCostsA304() {
        addSource("wh-briefing", base() + "/wh/feed.xml", "rss");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> statementsOf("wh-briefing").size() == 30);
        Statement karabakh = statementsOf("wh-briefing").stream()
                .filter(s -> s.title().contains("Nagorno-Karabakh"))
                .findFirst()
                .orElseThrow();
        assertThat(karabakh.body())
                .startsWith("Statement\n\n" + KARABAKH_SENTENCE)
                .doesNotContain("Home", "Pennsylvania");
        assertThat(karabakh.url())
                .startsWith(base() + "/wh/briefing-room/statements-releases/2023/09/")
                .doesNotEndWith("/");
        // pubDate "Tue, 26 Sep 2023 15:38:55 -0400" in the feed
        assertThat(karabakh.publishedAt()).isEqualTo(Instant.parse("2023-09-26T19:38:55Z"));
        given().get("/api/sources/wh-briefing")
                .then()
                .statusCode(200)
                .body("status.itemsSeen", equalTo(30))
                .body("status.lastError", nullValue())
                .body("status.consecutiveFailures", equalTo(0));

        // Published once each, with provenance.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                                StatementsTopic.recordsWithKey(karabakh.id().toString()))
                        .singleElement()
                        .satisfies(r -> {
                            Statement published =
                                    CloudEventCodec.decode(r, EventTypes.STATEMENT_PUBLISHED, Statement.class);
                            assertThat(published.contentSha256()).isEqualTo(karabakh.contentSha256());
                            assertThat(published.retrievedAt()).isNotNull();
                        }));

        // Polling again: the feed answers 304, pages looked at again for revisions answer 304 too: nothing
        // new, no page read twice.
        int before = notModified.get();
        Polls.now("wh-briefing").body("status.itemsSeen", equalTo(30));
        assertThat(notModified.get()).isGreaterThan(before);
        assertThat(pageRequests.values())
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(statementsOf("wh-briefing")).hasSize(30);
    }

    private static String statementPage(String... paragraphs) {
        StringBuilder html = new StringBuilder("<html><body><nav><a href=/>Home</a></nav><article>");
        for (String p : paragraphs) {
            html.append("<p>").append(p).append("</p>");
        }
        return html.append("</article></body></html>").toString();
    }

    @Test
    void aChangedArticleYieldsExactlyOneRevisionWithItsDiff() {
        String first = "The Ministry calls on Azerbaijan to release all Armenian prisoners of war held since 2020,"
                + " in line with the trilateral statement of 9 November 2020.";
        String second = "The return of detainees is a humanitarian obligation and must not be delayed further by any"
                + " side, and the international community should insist on it.";
        revisedPage.set(statementPage(first, second));
        addSource("mfa-rev", base() + "/rev/feed.xml", "rss");
        Polls.now("mfa-rev").body("status.itemsSeen", equalTo(1));
        Statement original = statementsOf("mfa-rev").get(0);

        String amended = second.replace("must not be delayed", "can no longer be delayed");
        revisedPage.set(statementPage(first, amended));
        Polls.now("mfa-rev");
        Polls.now("mfa-rev"); // the same text again: no new revision

        Statement now = statementsOf("mfa-rev").get(0);
        assertThat(statementsOf("mfa-rev")).hasSize(1);
        assertThat(now.id()).isEqualTo(original.id());
        assertThat(now.body()).isEqualTo(first + "\n\n" + amended);
        assertThat(now.contentSha256()).isNotEqualTo(original.contentSha256());
        // The text is title, blank line, body; as diff -u prints the change of its fifth line:
        String expectedDiff =
                "--- previous\n+++ revised\n@@ -2,4 +2,4 @@\n \n " + first + "\n \n-" + second + "\n+" + amended + "\n";
        given().get("/api/statements/" + original.id())
                .then()
                .statusCode(200)
                .body("body", equalTo(now.body()))
                .body("revisions.size()", equalTo(1))
                .body("revisions[0].revision", equalTo(1))
                .body("revisions[0].previousSha256", equalTo(original.contentSha256()))
                .body("revisions[0].contentSha256", equalTo(now.contentSha256()))
                .body("revisions[0].diff", equalTo(expectedDiff));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var records = StatementsTopic.recordsWithKey(original.id().toString());
            assertThat(records).hasSize(2);
            var revised = records.stream()
                    .filter(r -> EventTypes.STATEMENT_REVISED.equals(
                            new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)))
                    .toList();
            assertThat(revised).singleElement().satisfies(r -> {
                var event = CloudEventCodec.decode(r, EventTypes.STATEMENT_REVISED, StatementRevised.class);
                assertThat(event.revision()).isEqualTo(1);
                assertThat(event.previousSha256()).isEqualTo(original.contentSha256());
                assertThat(event.statement().contentSha256()).isEqualTo(now.contentSha256());
                assertThat(event.statement().retrievedAt()).isNotNull();
                assertThat(event.diff()).isEqualTo(expectedDiff);
            });
        });
    }

    private static boolean isBackfill(Statement statement) {
        return StatementsTopic.recordsWithKey(statement.id().toString()).stream()
                .allMatch(CloudEventCodec::isBackfill);
    }

    @Test
    void itemsPublishedBeforeTheSourceWasAddedAreHistoryAndAlertNobody() {
        // The 2023 White House items predate the source by years: published with backfill=true.
        addSource("wh-history", base() + "/wh-copy/feed.xml", "rss");
        Polls.now("wh-history").body("status.itemsSeen", equalTo(30));
        Statement any = statementsOf("wh-history").get(0);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(StatementsTopic.recordsWithKey(any.id().toString()))
                                .singleElement()
                                .matches(CloudEventCodec::isBackfill, "marked backfill"));
    }

    @Test
    void anExplicitBackfillImportsTheFeedAsHistoryWithProgress() {
        // Stored directly, due in an hour, so that the schedule cannot poll it first. The Atom feed has an
        // item without a date, which a normal poll would publish as news.
        sourceStore.insert(
                new Source("osce-backfill", "osce", base() + "/osce-copy/feed.atom", "auto", 3600, "en", null, null),
                false,
                Instant.now().plus(Duration.ofHours(1)));
        given().post("/api/sources/osce-backfill/backfill").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/api/sources/osce-backfill")
                        .then()
                        .body("status.backfill.total", equalTo(2))
                        .body("status.backfill.done", equalTo(2)));
        List<Statement> imported = statementsOf("osce-backfill");
        assertThat(imported).hasSize(2);
        given().get("/api/sources/osce-backfill").then().body("status.itemsSeen", equalTo(2));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(imported).allMatch(SourcePollingTest::isBackfill));
    }

    @Test
    void itemsJoinedToTheirRealTextsAreStoredWithThatText() {
        addSource("wh-2025", base() + "/wh25/feed.xml", "rss");
        Polls.now("wh-2025").body("status.itemsSeen", equalTo(30));
        Statement peace = statementsOf("wh-2025").stream()
                .filter(st -> st.title().equals("President Trump Brokers Another Historic Peace Deal"))
                .findFirst()
                .orElseThrow();
        // Words of the article's first paragraph, wrapped over lines in the source text: one paragraph now.
        assertThat(peace.body())
                .contains("Azerbaijani President Ilham Aliyev and Armenian Prime Minister Nikol Pashinyan")
                .doesNotContain("The White House", "Footer", "](");
    }

    @Test
    void everyHostileFeedShowsAClearErrorAndStoresNothing() {
        Map<String, String> expected = Map.of(
                "hostile-laughs", "DOCTYPE",
                "hostile-huge", "larger than 5 MB",
                "hostile-drip", "gave up after 5 s",
                "hostile-loop", "more than 5 redirects");
        Map<String, String> paths = Map.of(
                "hostile-laughs", "/hostile/billion-laughs.xml",
                "hostile-huge", "/hostile/huge",
                "hostile-drip", "/hostile/drip",
                "hostile-loop", "/hostile/loop");
        paths.forEach((id, path) -> addSource(id, base() + path, "auto"));
        expected.forEach((id, error) -> {
            Polls.now(id).body("status.lastError", containsString(error)).body("status.itemsSeen", equalTo(0));
            assertThat(statementsOf(id)).isEmpty();
        });
    }

    @Test
    void shortPagesAndItemsWithoutTextAreKeptAndSayWhereTheirTextCameFrom() {
        addSource("short-test", base() + "/short/feed.xml", "rss");
        Polls.now("short-test").body("status.itemsSeen", equalTo(3)).body("status.lastError", nullValue());
        Map<String, Statement> byTitle = new HashMap<>();
        statementsOf("short-test").forEach(st -> byTitle.put(st.title(), st));
        assertThat(byTitle.get("Release of Armenian detainees").body()).isEqualTo(RELEASE);
        assertThat(byTitle.get("Statement on the border").body()).isEmpty();
        assertThat(byTitle.get("On Section 907").body()).isEqualTo(SECTION_907);
        Map<String, String> expected = Map.of(
                "Release of Armenian detainees", "page-short",
                "Statement on the border", "title",
                "On Section 907", "feed");
        expected.forEach((title, from) -> given().get(
                        "/api/statements/" + byTitle.get(title).id())
                .then()
                .statusCode(200)
                .body("textFrom", equalTo(from)));
        // Each is published, so a subscriber hears of it.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(StatementsTopic.recordsWithKey(
                                byTitle.get("Statement on the border").id().toString()))
                        .hasSize(1));
    }

    @Test
    void whenPagesAreGoneTheFeedsOwnTextStandsIn() {
        addSource("osce-test", base() + "/osce/feed.atom", "auto");
        Polls.now("osce-test").body("status.itemsSeen", equalTo(2));
        assertThat(statementsOf("osce-test"))
                .extracting(Statement::body)
                .containsExactlyInAnyOrder(
                        "Full text given in the feed.", "The Chair welcomed the resumption of talks.");
    }

    @Test
    void hostileFeedsShowAClearErrorStoreNothingAndOthersKeepPolling() {
        addSource("hostile-xxe", base() + "/hostile/xxe.xml", "rss");
        addSource("hostile-noise", base() + "/hostile/noise", "auto");
        addSource("hostile-closed", "http://127.0.0.1:1/feed", "auto");
        Polls.now("hostile-xxe")
                .body("status.lastError", containsString("DOCTYPE"))
                // the schedule may have polled it first: one failure or two, never a success
                .body("status.consecutiveFailures", greaterThanOrEqualTo(1))
                .body("status.lastSuccessAt", nullValue());
        Polls.now("hostile-noise").body("status.lastError", containsString("not an RSS, Atom or JSON feed"));
        Polls.now("hostile-closed").body("status.lastError", containsString("connection refused"));
        assertThat(statementsOf("hostile-xxe")).isEmpty();
        assertThat(statementsOf("hostile-noise")).isEmpty();

        addSource("after-hostile", base() + "/osce-other/feed.atom", "atom");
        Polls.now("after-hostile").body("status.itemsSeen", equalTo(2));
    }

    @Test
    void theApiChecksEveryFieldAndNamesSourcesOnce() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        "Bad Id!",
                        "url",
                        "file:///etc/passwd",
                        "type",
                        "html",
                        "pollIntervalSeconds",
                        0,
                        "articleSelector",
                        "div[["))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        containsInAnyOrder("id", "name", "url", "type", "pollIntervalSeconds", "articleSelector"));
        addSource("twice", base() + "/unused/feed.atom", "atom");
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "twice", "name", "again", "url", base() + "/unused/feed.atom"))
                .post("/api/sources")
                .then()
                .statusCode(409);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "renamed", "url", base() + "/unused/feed.atom", "pollIntervalSeconds", 600))
                .put("/api/sources/twice")
                .then()
                .statusCode(200)
                .body("name", equalTo("renamed"))
                .body("pollIntervalSeconds", equalTo(600));
        given().delete("/api/sources/twice").then().statusCode(204);
        given().get("/api/sources/twice").then().statusCode(404);
        given().queryParam("sourceId", "NOT VALID")
                .get("/api/statements")
                .then()
                .statusCode(400);
    }

    @Inject
    SourceValidator validator;

    @Inject
    SourceStore sourceStore;

    @Test
    void everyDefaultSourceInTheRepositoryIsValid() throws IOException {
        var mapper = new ObjectMapper();
        List<Source> seeds = SeedFiles.read(Path.of("../seeds/sources"), SourceRequest.class, mapper).stream()
                .map(seed -> validator.validate(seed.value(), null))
                .toList();
        assertThat(seeds)
                .hasSizeGreaterThanOrEqualTo(10)
                .extracting(Source::id)
                .contains("state-department-press", "osce", "armenian-assembly", "anca", "mfa-armenia");
        assertThat(seeds).allSatisfy(s -> assertThat(s.url()).startsWith("https://"));
    }
}
