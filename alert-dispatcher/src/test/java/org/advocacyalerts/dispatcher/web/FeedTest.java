package org.advocacyalerts.dispatcher.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.Statement;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A topic's Atom feed as a feed reader meets it: valid Atom 1.0, newest first, cheap to poll, inert. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class FeedTest {

    private static final String FEED = "/topics/prisoners/feed.atom";

    @Test
    void aTopicsFeedIsValidAtomWithItsLatestStatementsNewestFirstAndTheSentenceThatMatters() throws Exception {
        Statement older = StatementsProducer.statement(
                "Border commission meets",
                "The commissions met in Yerevan. Azerbaijan must release the Armenian prisoners of war held in Baku."
                        + " The meeting ended.");
        publishAndAwait(older);
        String script = "<script>alert('feed')</script>";
        Statement newer = new Statement(
                UUID.randomUUID(),
                "state-department",
                "javascript:alert('link')", // only http(s) links are given to readers
                "POWs " + script + " \u0001 released?",
                "Opening remarks. The detainees " + script
                        + " and Armenian prisoners of war held by Azerbaijan must go home. Closing remarks.",
                "en",
                Instant.parse("2021-05-28T10:00:00Z"),
                Instant.now(),
                "cd".repeat(32));
        publishAndAwait(newer);

        Response response = given().get(FEED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/atom+xml");
        byte[] feed = response.asByteArray();
        assertThat(AtomSchema.problems(feed)).isEmpty();
        Document document = parse(feed);
        assertThat(text(document.getDocumentElement(), "subtitle"))
                .as("the topic's summary, not its full rules")
                .isEqualTo(given().get("/api/topics/prisoners").path("summary"))
                .hasSizeLessThan(300);
        List<Element> entries = children(document.getDocumentElement(), "entry");
        assertThat(entries.stream().map(e -> text(e, "id")))
                .containsSubsequence("urn:uuid:" + newer.id(), "urn:uuid:" + older.id());
        // (other tests' statements may be in the feed too, before or between these two)
        Element first = entry(entries, newer);
        assertThat(text(first, "title"))
                .as("hostile text is text: the script is characters, the control character gone")
                .isEqualTo("POWs " + script + "  released?");
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(text(first, "summary"))
                .contains("Armenian prisoners of war held by Azerbaijan must go home.")
                .doesNotContain("Closing");
        assertThat(children(first, "link").get(0).getAttribute("href")).startsWith("http");
        Element second = entry(entries, older);
        assertThat(text(second, "summary"))
                .isEqualTo("Azerbaijan must release the Armenian prisoners of war held in Baku.");
        assertThat(children(second, "link").get(0).getAttribute("href")).isEqualTo(older.url());
    }

    @Test
    void aReaderSendingBackTheETagGetsNotModifiedUntilANewStatementMatches() {
        publishAndAwait(StatementsProducer.statement("Prisoners", "Armenian prisoners of war are held in Baku."));
        String tag = given().get(FEED).then().statusCode(200).extract().header("ETag");
        assertThat(tag).isNotBlank();

        given().header("If-None-Match", tag).get(FEED).then().statusCode(304).header("ETag", tag);

        Statement next = StatementsProducer.statement(
                "More prisoners", "The Armenian prisoners of war held in Baku must be released.");
        publishAndAwait(next);
        Response changed = given().header("If-None-Match", tag).get(FEED);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(tag);
    }

    @Test
    void aReplayedStatementNeitherMovesUpNorChangesTheFeed() {
        Statement first = StatementsProducer.statement(
                "First", "Azerbaijan must release the Armenian prisoners of war held in Baku.");
        publishAndAwait(first);
        publishAndAwait(
                StatementsProducer.statement("Second", "The Armenian prisoners of war held in Baku must go home."));
        StatementsProducer.awaitConsumed(Duration.ofSeconds(30)); // (other tests' statements too)
        String tag = given().get(FEED).then().statusCode(200).extract().header("ETag");

        StatementsProducer.publish(first); // the same event again (a replay, a redelivery)
        StatementsProducer.awaitConsumed(Duration.ofSeconds(30));

        given().header("If-None-Match", tag).get(FEED).then().statusCode(304);
    }

    @Test
    void aRevisionThatNoLongerMatchesLeavesTheFeed() {
        Statement original = StatementsProducer.statement(
                "Prisoners", "Azerbaijan must release the Armenian prisoners of war held in Baku.");
        publishAndAwait(original);
        StatementsProducer.send(StatementsProducer.revision(
                original, 1, "Statement withdrawn", "This statement was withdrawn by its publisher."));

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !given().get(FEED).asString().contains(original.id().toString()));
    }

    @Test
    void anUnknownTopicHasNoFeed() {
        given().get("/topics/no-such-topic/feed.atom").then().statusCode(404);
        given().urlEncodingEnabled(false)
                .get("/topics/%2e%2e%2fapi%2fkeys/feed.atom")
                .then()
                .statusCode(404);
    }

    @Test
    void theSchemaRefusesAFeedThatIsNotAtom() {
        byte[] noId = """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2021-05-28T10:00:00Z</updated>
                <entry><title>e</title><updated>yesterday</updated></entry></feed>""".getBytes(StandardCharsets.UTF_8);

        assertThat(AtomSchema.problems(noId)).isNotEmpty();
    }

    private static void publishAndAwait(Statement statement) {
        StatementsProducer.publish(statement);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        given().get(FEED).asString().contains(statement.id().toString()));
    }

    private static Element entry(List<Element> entries, Statement statement) {
        return entries.stream()
                .filter(e -> text(e, "id").equals("urn:uuid:" + statement.id()))
                .findFirst()
                .orElseThrow();
    }

    private static Document parse(byte[] feed) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(feed));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS(AtomFeed.ATOM, name);
        for (int k = 0; k < nodes.getLength(); k++) {
            if (nodes.item(k).getParentNode() == parent) {
                found.add((Element) nodes.item(k));
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }
}
