package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class MatchApiTest {

    private static final String BODY = "In a statement released by the U.S. Department of State, the United States is"
            + " concerned by the detention of several Armenian soldiers by Azerbaijani forces.\n"
            + "Azerbaijan should immediately release all prisoners of war and other captives.";

    @Test
    void dryRunReturnsTopicsWithEvidenceOffsetsAndSentence() {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "On Armenia and Azerbaijan", "body", BODY))
                .post("/api/match")
                .then()
                .statusCode(200)
                .body("matches.topic", hasItem("prisoners"))
                .body("matches.find { it.topic == 'prisoners' }.evidence.text", hasItem("prisoners of war"))
                .body(
                        "matches.find { it.topic == 'prisoners' }.evidence.find { it.text == 'prisoners of war' }.sentence",
                        equalTo("Azerbaijan should immediately release all prisoners of war and other captives."))
                .body(
                        "matches.find { it.topic == 'prisoners' }.evidence.find { it.text == 'prisoners of war' }.start",
                        equalTo(BODY.indexOf("prisoners of war")))
                .body(
                        "matches.find { it.topic == 'prisoners' }.evidence[0].clause",
                        equalTo("\"prisoners of war\" (alias of POWs)"))
                .body("subscriptions", equalTo(null));
    }

    @Test
    void dryRunNamesTheSubscriptionsThatWouldBeAlerted() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", "https://example.org/h", "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().contentType(ContentType.JSON)
                .queryParam("subscriptions", true)
                .body(Map.of("title", "t", "body", BODY))
                .post("/api/match")
                .then()
                .statusCode(200)
                .body("subscriptions", hasItem(id));
        given().delete("/api/subscriptions/" + id).then().statusCode(204);
    }

    @Test
    void unrelatedTextMatchesNothing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "Farm Safety Week", "body", "We honour America's farmers and ranchers."))
                .post("/api/match")
                .then()
                .statusCode(200)
                .body("matches", hasSize(0));
    }

    @Test
    void dryRunWithoutTextIsA400NamingTheFields() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/match")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("title", "body")));
    }

    @Test
    void topicWithABadQueryIsRejectedWithThePosition() {
        putBadTopic("border AND \"prisoners of war", List.of())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].message", equalTo("at position 11: this phrase is not closed: add a closing \""));
        putBadTopic("border AND Armenia*", List.of(List.of("Armenia*", "Ar*")))
                .statusCode(400)
                .body("errors[0].field", equalTo("query"))
                .body(
                        "errors[0].message",
                        equalTo("at position 11: the alias Ar* of Armenia*: a wildcard may only end a single word"
                                + " of at least 3 letters (not in source: or language:)"));
        given().get("/api/topics/bad-topic").then().statusCode(404);
    }

    @Test
    void aliasGroupsAndWhatAQueryExcludesAreBounded() {
        // a group may be a list (other conflicts, other countries) of up to 100 terms, 1,500 in all
        List<String> countries =
                IntStream.range(0, 100).mapToObj(i -> "country" + i).toList();
        putBadTopic(
                        "country0",
                        List.of(Stream.concat(countries.stream(), Stream.of("one more"))
                                .toList()))
                .statusCode(400)
                .body("errors[0].field", equalTo("aliases"))
                .body("errors[0].message", equalTo("must be at most 50 groups of 2-100 terms"));
        List<List<String>> sixteenLists = IntStream.range(0, 16)
                .mapToObj(g -> countries.stream().map(c -> c + "-" + g).toList())
                .toList();
        putBadTopic("country0-0", sixteenLists)
                .statusCode(400)
                .body("errors[0].message", equalTo("must hold at most 1500 terms in all"));
        // a term in two groups would find both: the third states' Serbia would make Georgia an alias of Serbia
        putBadTopic("title:Serbia", List.of(List.of("Serbia", "Serbie"), List.of("third states", "Georgia", "serbia")))
                .statusCode(400)
                .body("errors[0].field", equalTo("aliases"))
                .body("errors[0].message", equalTo("a term may be in one group only; in more than one: serbia"));
        // named once however many groups hold it, each term it shares named
        putBadTopic(
                        "title:Serbia",
                        List.of(
                                List.of("Serbia", "Serbie"),
                                List.of("third states", "Georgia", "serbia"),
                                List.of("Balkans", "SERBIA", "Kosovo"),
                                List.of("Caucasus", "georgia")))
                .statusCode(400)
                .body(
                        "errors[0].message",
                        equalTo("a term may be in one group only; in more than one: serbia, georgia"));
        // each word of a group written after a NOT brings the whole group: 21 of them, 2,100 exclusions
        String query = "border"
                + IntStream.range(0, 21).mapToObj(i -> " NOT country" + i).collect(Collectors.joining());
        putBadTopic(query, List.of(countries))
                .statusCode(400)
                .body("errors[0].field", equalTo("query"))
                .body(
                        "errors[0].message",
                        equalTo("at position 0: with its aliases the query excludes more than 2000 terms"
                                + " (after NOT and NOT/s)"));
        given().get("/api/topics/bad-topic").then().statusCode(404);
    }

    private static ValidatableResponse putBadTopic(String query, List<List<String>> aliases) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "description", "d", "query", query, "aliases", aliases))
                .put("/api/topics/bad-topic")
                .then();
    }

    @Test
    void aTopicMayBeThreeTimesAsLongAsASubscribersQuery() {
        // 250 words of 19 letters: 5,700 characters, within a topic's word limit
        List<String> words = IntStream.range(0, 250)
                .mapToObj(i -> "placename" + (char) ('a' + i / 26) + (char) ('a' + i % 26) + "xxxxxxxx")
                .toList();
        String query = String.join(" OR ", words);
        assertThat(query.length()).isBetween(5_000, 6_000);

        given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", "https://example.org/h", "query", query))
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].message", equalTo("at position 2000: the query is longer than 2000 characters"));

        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Long", "description", "d", "query", query, "aliases", List.of()))
                .put("/api/topics/long-topic")
                .then()
                .statusCode(201);
        // the last word counts: the whole query was compiled
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("title", "t", "body", "Shelling near " + words.get(249) + " was reported."))
                        .post("/api/match")
                        .then()
                        .body("matches.topic", hasItem("long-topic")));

        putBadTopic(query + " OR " + query.substring(0, 1_000), List.of())
                .statusCode(400)
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].message", equalTo("at position 6000: the query is longer than 6000 characters"));
    }

    @Test
    void hostileQueriesAreRejectedQuicklyAndTheMatcherKeepsWorking() {
        for (String query : List.of(
                String.join(" OR ", Collections.nCopies(10_000, "border")),
                "*",
                "(".repeat(200) + "border" + ")".repeat(200),
                "\"unbalanced",
                "border\u0007prisoners",
                "x".repeat(1_000_000))) {
            long start = System.nanoTime();
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", "Hostile", "description", "d", "query", query))
                    .put("/api/topics/hostile")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("query"));
            // Generous for a loaded CI machine; the parser itself needs microseconds.
            MatcherAssert.assertThat((System.nanoTime() - start) / 1_000_000, lessThan(2_000L));
        }
        dryRunReturnsTopicsWithEvidenceOffsetsAndSentence();
    }

    @Test
    void newTopicIsMatchedAtOnceAndAChangedQueryReplacesTheOld() {
        Map<String, Object> topic =
                Map.of("name", "Jermuk", "description", "The town of Jermuk", "query", "Jermuk", "aliases", List.of());
        given().contentType(ContentType.JSON)
                .body(topic)
                .put("/api/topics/jermuk")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("title", "t", "body", "Shelling near Jermuk was reported."))
                        .post("/api/match")
                        .then()
                        .body("matches.topic", hasItem("jermuk")));

        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Jermuk", "description", "d", "query", "\"Jermuk resort\"", "aliases", List.of()))
                .put("/api/topics/jermuk")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("title", "t", "body", "Shelling near Jermuk was reported."))
                        .post("/api/match")
                        .then()
                        .body("matches.topic", not(hasItem("jermuk"))));
        given().get("/api/topics/jermuk").then().body("query", containsString("resort"));
    }

    @Test
    void aTopicsSummaryIsStoredAndHeldToThreeHundredCharacters() {
        Map<String, Object> topic = new java.util.HashMap<>(
                Map.of("name", "Goris", "description", "The town of Goris and its roads.", "query", "Goris"));
        topic.put("summary", "x".repeat(301));
        given().contentType(ContentType.JSON)
                .body(topic)
                .put("/api/topics/goris")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("summary"));
        given().get("/api/topics/goris").then().statusCode(404);

        topic.put("summary", "  The town of Goris, on the road to Iran.  ");
        given().contentType(ContentType.JSON)
                .body(topic)
                .put("/api/topics/goris")
                .then()
                .statusCode(201);
        given().get("/api/topics/goris").then().body("summary", equalTo("The town of Goris, on the road to Iran."));

        topic.remove("summary");
        given().contentType(ContentType.JSON)
                .body(topic)
                .put("/api/topics/goris")
                .then()
                .statusCode(200);
        given().get("/api/topics/goris")
                .then()
                .body("summary", org.hamcrest.Matchers.nullValue())
                .body("description", equalTo("The town of Goris and its roads."));
    }

    @Inject
    DataSource dataSource;

    @Test
    void topicChangedByAnotherReplicaIsMatchedHereWithinTwoSeconds() throws Exception {
        // Another replica writes straight to the shared database; this one only learns of it by polling.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO topic (id, name, description, query, managed_by_seed)"
                                + " VALUES ('vardenis', 'Vardenis', 'd', 'Vardenis', false)")) {
            ps.executeUpdate();
        }

        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("title", "t", "body", "Shots were fired near Vardenis."))
                        .post("/api/match")
                        .then()
                        .body("matches.topic", hasItem("vardenis")));
    }

    @Test
    void subscriptionQueriesSwappedByAnotherReplicaAreMatchedHereWithinTwoSeconds() throws Exception {
        // Another replica writes straight to the shared database: a disabled subscription older than the others.
        String recovered = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO subscription (id, channel, target, secret, status, created_at, query) VALUES"
                                + " (?::uuid, 'webhook', 'https://example.org/h', 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',"
                                + " 'disabled', now() - interval '1 day', 'Jrashen')")) {
            ps.setString(1, recovered);
            ps.executeUpdate();
        }
        String kept = subscribeWithQuery("Sotk");
        String newest = subscribeWithQuery("Khachik");
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> dryRunSubscriptions("Fighting near Khachik.").body("subscriptions", hasItem(newest)));

        // It disables one and recovers the other in one transaction: as many subscriptions with a query as
        // before, the newest of them the same.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            setStatus(c, "disabled", kept);
            setStatus(c, "active", recovered);
            c.commit();
        }

        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> dryRunSubscriptions("Fighting near Jrashen.").body("subscriptions", hasItem(recovered)));
        for (String id : List.of(kept, recovered, newest)) {
            given().delete("/api/subscriptions/" + id).then().statusCode(204);
        }
    }

    private static String subscribeWithQuery(String query) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", "https://example.org/h", "query", query))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static ValidatableResponse dryRunSubscriptions(String body) {
        return given().contentType(ContentType.JSON)
                .queryParam("subscriptions", true)
                .body(Map.of("title", "t", "body", body))
                .post("/api/match")
                .then()
                .statusCode(200);
    }

    private static void setStatus(Connection c, String status, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET status = ? WHERE id = ?::uuid")) {
            ps.setString(1, status);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }
}
