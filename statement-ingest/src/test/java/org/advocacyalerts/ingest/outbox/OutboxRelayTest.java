package org.advocacyalerts.ingest.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.StatementApiTest;
import org.advocacyalerts.ingest.StatementsTopic;
import org.advocacyalerts.ingest.testing.Http;
import org.advocacyalerts.ingest.testing.Polls;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.EventSize;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.Json;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay never leaves a statement behind: not a very long one, not behind one Kafka refuses. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class OutboxRelayTest {

    private static final String FIRST_PARAGRAPH =
            "Azerbaijan must immediately release all Armenian prisoners of war and detainees held in Baku.";

    private static HttpServer server;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void serveALongArticle() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String published = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        server.createContext(
                "/long/feed.xml",
                x -> Http.send(
                        x,
                        200,
                        "application/rss+xml",
                        "<rss version=\"2.0\"><channel><title>MFA</title><link>" + base()
                                + "/long/</link><description>d</description><item><title>On prisoners of war</title>"
                                + "<link>" + base() + "/long/statement</link><guid>long-1</guid><pubDate>" + published
                                + "</pubDate></item></channel></rss>"));
        // About 3 MB of text, mostly two-byte characters: a transcript with its annexes.
        StringBuilder page = new StringBuilder("<html><body><main><p>")
                .append(FIRST_PARAGRAPH)
                .append("</p>");
        String annex = "Annexe : liste des détenus arméniens, procès et condamnations à Bakou. ".repeat(40);
        while (page.length() < 2_800_000) {
            page.append("<p>").append(annex).append("</p>");
        }
        String html = page.append("</main></body></html>").toString();
        server.createContext("/long/statement", x -> Http.send(x, 200, "text/html; charset=utf-8", html));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aStatementOfThreeMegabytesIsPublishedCutSayingHowLongItIs() throws Exception {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        "long-mfa",
                        "name",
                        "MFA",
                        "url",
                        base() + "/long/feed.xml",
                        "type",
                        "rss",
                        "pollIntervalSeconds",
                        3600))
                .post("/api/sources")
                .then()
                .statusCode(201);
        Polls.now("long-mfa");
        Statement stored = given().queryParam("sourceId", "long-mfa")
                .get("/api/statements")
                .then()
                .statusCode(200)
                .extract()
                .as(Statement[].class)[0];
        assertThat(stored.body()).startsWith(FIRST_PARAGRAPH).hasSizeGreaterThan(2_000_000);

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        StatementsTopic.recordsWithKey(stored.id().toString()).size() == 1);
        ConsumerRecord<String, byte[]> record =
                StatementsTopic.recordsWithKey(stored.id().toString()).get(0);
        assertThat(record.value().length).isLessThan(1024 * 1024);
        Statement event = Json.mapper().readValue(record.value(), Statement.class);
        assertThat(event.fullBodyLength()).isEqualTo(stored.body().length());
        assertThat(stored.body()).startsWith(event.body());
        assertThat(event.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(EventSize.MAX_BODY_BYTES);
    }

    @Test
    void anEventKafkaRefusesIsMovedAsideAndTheStatementsBehindItArePublishedOnce() throws Exception {
        // An event over Kafka's 1 MiB (written by an older version, or for a broker with a lower limit).
        UUID refusedEvent = UUID.randomUUID();
        long refusedId;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO outbox (topic, record_key, event_id, event_type, event_time, payload)"
                                + " VALUES (?, ?, ?, ?, now(), ?) RETURNING id")) {
            ps.setString(1, KafkaTopics.STATEMENTS);
            ps.setString(2, refusedEvent.toString());
            ps.setObject(3, refusedEvent);
            ps.setString(4, EventTypes.STATEMENT_PUBLISHED);
            ps.setBytes(5, ("{\"body\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                refusedId = rs.getLong(1);
            }
        }
        String behind = StatementApiTest.postNew();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().get("/api/outbox/failed")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("id", Long.class)
                        .contains(refusedId));
        given().get("/api/outbox/failed")
                .then()
                .statusCode(200)
                .body("find { it.id == " + refusedId + " }.failure", containsString("RecordTooLargeException"))
                .body("find { it.id == " + refusedId + " }.eventId", Matchers.equalTo(refusedEvent.toString()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> StatementsTopic.recordsWithKey(behind).size() == 1);
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.failed", greaterThanOrEqualTo(1));

        // Sent again on request (still too large: aside again); nothing else is sent twice.
        given().post("/api/outbox/failed/" + refusedId + "/retry").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().get("/api/outbox/failed")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("id", Long.class)
                        .contains(refusedId));
        assertThat(StatementsTopic.recordsWithKey(behind)).hasSize(1);
        assertThat(StatementsTopic.recordsWithKey(refusedEvent.toString())).isEmpty();
        given().post("/api/outbox/failed/999999999/retry").then().statusCode(404);
        given().queryParam("limit", 0).get("/api/outbox/failed").then().statusCode(400);
    }

    @Test
    void aRevisionWaitsWhileItsStatementsEventIsInAnotherReplicasHands() throws Exception {
        // The other replica's relay: locks the published event of a statement (and has not sent it yet).
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            UUID statement = lockPublishedWithARevisionBehind(other);

            // This replica's relay runs (a new statement wakes it) and sends what it may.
            String news = StatementApiTest.postNew();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> StatementsTopic.recordsWithKey(news).size() == 1);
            assertThat(StatementsTopic.recordsWithKey(statement.toString()))
                    .as("the revision must not overtake its statement")
                    .isEmpty();

            other.rollback(); // the other replica gave up (crashed, or Kafka failed it): this one sends both
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            StatementsTopic.recordsWithKey(statement.toString()).size() == 2);
            assertThat(StatementsTopic.recordsWithKey(statement.toString()))
                    .extracting(
                            r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .containsExactly(EventTypes.STATEMENT_PUBLISHED, EventTypes.STATEMENT_REVISED);
        }
    }

    /**
     * Writes a statement's published event and its revision, then locks the first in {@code other} as a
     * relay does. This replica's relay may take them first: then it tries again with another statement.
     */
    private UUID lockPublishedWithARevisionBehind(Connection other) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            UUID statement = UUID.randomUUID();
            long first;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO outbox (topic, record_key, event_id, event_type, event_time, payload)
                            VALUES (?, ?, ?, ?, now(), '{}'), (?, ?, ?, ?, now(), '{}') RETURNING id""")) {
                for (int i = 0; i < 2; i++) {
                    ps.setString(4 * i + 1, KafkaTopics.STATEMENTS);
                    ps.setString(4 * i + 2, statement.toString());
                    ps.setObject(4 * i + 3, UUID.randomUUID());
                    ps.setString(4 * i + 4, i == 0 ? EventTypes.STATEMENT_PUBLISHED : EventTypes.STATEMENT_REVISED);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    first = rs.getLong(1);
                }
            }
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT id FROM outbox WHERE id = ? AND published_at IS NULL FOR UPDATE SKIP LOCKED")) {
                lock.setLong(1, first);
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next()) {
                        return statement;
                    }
                }
            }
            other.rollback();
        }
        throw new AssertionError("this replica's relay took every event before the other could lock one");
    }
}
