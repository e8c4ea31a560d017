package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AlertFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    private final WebhookReceiver receiver = new WebhookReceiver();

    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void unsubscribeAndStopReceiver() {
        subscriptions.forEach(id -> given().delete("/api/subscriptions/" + id));
        receiver.close();
    }

    /** Subscribes the receiver; returns the subscription's id and secret. */
    private Map<String, String> subscribe(List<String> topics) {
        return subscribe(topics, receiver.url());
    }

    private Map<String, String> subscribe(List<String> topics, String target) {
        return subscribe(Map.of("channel", "webhook", "target", target, "topics", topics));
    }

    private Map<String, String> subscribe(Map<String, Object> request) {
        JsonPath created = given().contentType(ContentType.JSON)
                .body(request)
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        subscriptions.add(created.getString("id"));
        return Map.of("id", created.getString("id"), "secret", created.getString("secret"));
    }

    @Test
    void matchingStatementIsDeliveredAsOneSignedWebhook() throws Exception {
        Map<String, String> subscription = subscribe(List.of("prisoners"));
        Statement statement = StatementsProducer.statement(
                "Armenia-Azerbaijan", "Azerbaijan should immediately release all prisoners of war.");

        StatementsProducer.publish(statement);

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received request = receiver.received().get(0);
        new Webhook(subscription.get("secret")).verify(request.body(), request.headers());
        assertThat(request.header("webhook-id"))
                .isEqualTo(Alert.idFor(statement.id(), UUID.fromString(subscription.get("id")))
                        .toString());
        assertThat(request.header("content-type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo("alert.created");
        assertThat(body.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(body.at("/data/statement/id").asText())
                .isEqualTo(statement.id().toString());
        assertThat(body.at("/data/statement/body").asText()).contains("prisoners of war");
        assertThat(body.at("/data/topics").toString()).isEqualTo("[\"prisoners\"]");
        assertThat(body.at("/data/subscriptionId").asText()).isEqualTo(subscription.get("id"));
        assertThat(body.at("/data/matches/0/topic").asText()).isEqualTo("prisoners");
        assertThat(body.at("/data/matches/0/evidence/0/text").asText()).isEqualTo("prisoners of war");
        assertThat(body.at("/data/matches/0/evidence/0/sentence").asText())
                .isEqualTo("Azerbaijan should immediately release all prisoners of war.");
        assertThat(body.at("/data/matches/0/evidence/0/start").asInt())
                .isEqualTo(statement.body().indexOf("prisoners of war"));
    }

    @Test
    void aSubscriptionIsNeverAlertedAboutStatementsAcceptedBeforeItBecameActive() throws Exception {
        // Statements ingest accepted before the subscription exists: read once by the dispatcher...
        List<Statement> before = List.of(
                StatementsProducer.statement("POWs", "Azerbaijan must release all Armenian prisoners of war."),
                StatementsProducer.statement("Detainees", "Prisoners of war held in Baku must be freed."));
        before.forEach(StatementsProducer::publish);
        // ...and one still on its way (consumer lag): accepted a minute ago, read only after subscribing.
        Statement lagging = StatementsProducer.statement(
                "Lagging", "Azerbaijan: the prisoners of war must return home.", Instant.parse("2021-05-27T18:30:00Z"));
        lagging = new Statement(
                lagging.id(),
                lagging.sourceId(),
                lagging.url(),
                lagging.title(),
                lagging.body(),
                lagging.language(),
                lagging.publishedAt(),
                Instant.now().minus(Duration.ofMinutes(1)),
                lagging.contentSha256());
        await().atMost(Duration.ofSeconds(15)).until(() -> stored(before.get(1).id()));

        String subscription = subscribe(List.of("prisoners")).get("id");
        // A replay of the whole history (a consumer-group reset reads the same records again) and the lag.
        before.forEach(StatementsProducer::publish);
        StatementsProducer.publish(lagging);
        Statement news = StatementsProducer.statement("News", "Azerbaijan must release the prisoners of war now.");
        StatementsProducer.publish(news);

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= 1);
        StatementsProducer.awaitConsumed(Duration.ofSeconds(20));
        assertThat(alertsOf(UUID.fromString(subscription))).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
        assertThat(JSON.readTree(receiver.received().get(0).body())
                        .at("/data/statement/id")
                        .asText())
                .isEqualTo(news.id().toString());
    }

    private long alertsOf(UUID subscription) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM alert WHERE subscription_id = ?")) {
            ps.setObject(1, subscription);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the dispatcher has stored (so read and planned) the statement. */
    private boolean stored(UUID statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM statement WHERE id = ?")) {
            ps.setObject(1, statement);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A revision of {@code original} with {@code body}, as ingest publishes it. */
    private static ProducerRecord<String, byte[]> revision(Statement original, int revision, String body) {
        return StatementsProducer.revision(original, revision, original.title(), body);
    }

    @Test
    void eventsOfOneStatementArrivingOutOfOrderNeverPutBackAnOlderText() throws Exception {
        subscribe(List.of("prisoners"));
        Statement original =
                StatementsProducer.statement("Prisoners of war", "Azerbaijan must release the prisoners of war.");
        String second = "Azerbaijan must release the prisoners of war and the detainees held in Baku.";
        // Revision 2 comes first (published by another ingest replica before the others), then revision 1,
        // then the statement as published.
        StatementsProducer.send(revision(original, 2, second));
        StatementsProducer.send(revision(original, 1, "Azerbaijan must release the POWs, an early draft."));
        StatementsProducer.publish(original);
        StatementsProducer.awaitConsumed(Duration.ofSeconds(20));

        // One alert, with the newest text: the late events alerted nobody and put back no older text.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM alert WHERE statement_id = ?")) {
            ps.setObject(1, original.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        assertThat(JSON.readTree(receiver.received().get(0).body())
                        .at("/data/statement/body")
                        .asText())
                .isEqualTo(second);
        // What backtests and dry runs read is the newest text too.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT body FROM statement WHERE id = ?")) {
            ps.setObject(1, original.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(second);
            }
        }
    }

    @Test
    void aRevisedStatementSendsAlertRevisedToThoseAlertedAndAlertCreatedToNewMatches() throws Exception {
        Map<String, String> prisoners = subscribe(List.of("prisoners"));
        WebhookReceiver borderReceiver = new WebhookReceiver();
        try {
            Map<String, String> border = subscribe(List.of("border"), borderReceiver.url());
            Statement original = StatementsProducer.statement(
                    "Prisoners of war", "Azerbaijan should immediately release all prisoners of war.");
            StatementsProducer.publish(original);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.received().size() == 1);

            var revised = revision(
                    original,
                    1,
                    original.body() + " It must also stop fortifying the undemarcated border with Armenia.");
            StatementsProducer.send(revised);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.received().size() == 2);
            WebhookReceiver.Received again = receiver.received().get(1);
            new Webhook(prisoners.get("secret")).verify(again.body(), again.headers());
            JsonNode body = JSON.readTree(again.body());
            assertThat(body.get("type").asText()).isEqualTo("alert.revised");
            assertThat(body.at("/data/revision").asInt()).isEqualTo(1);
            assertThat(body.at("/data/statement/body").asText()).contains("undemarcated border");
            assertThat(again.header("webhook-id"))
                    .isEqualTo(Alert.idFor(original.id(), UUID.fromString(prisoners.get("id")), 1)
                            .toString())
                    .isNotEqualTo(receiver.received().get(0).header("webhook-id"));

            // The revision matches "border" for the first time: news to that subscriber.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> borderReceiver.received().size() == 1);
            JsonNode first = JSON.readTree(borderReceiver.received().get(0).body());
            assertThat(first.get("type").asText()).isEqualTo("alert.created");
            assertThat(first.at("/data/revision").isMissingNode()).isTrue();
            assertThat(borderReceiver.received().get(0).header("webhook-id"))
                    .isEqualTo(Alert.idFor(original.id(), UUID.fromString(border.get("id")))
                            .toString());

            // The same revision event again (a replayed record) creates nothing.
            StatementsProducer.send(revised);
            Statement marker = StatementsProducer.statement("Captives", "Azerbaijan must release the captives.");
            StatementsProducer.publish(marker);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.received().size() == 3);
            assertThat(JSON.readTree(receiver.received().get(2).body())
                            .at("/data/statement/id")
                            .asText())
                    .isEqualTo(marker.id().toString());
            assertThat(borderReceiver.received()).hasSize(1);
        } finally {
            borderReceiver.close();
        }
    }

    @Test
    void duplicateKafkaRecordProducesNoSecondAlert() {
        subscribe(List.of("border"));
        Statement statement = StatementsProducer.statement(
                "Border", "Azerbaijan must stop fortifying the undemarcated border with Armenia.");
        ProducerRecord<String, byte[]> record = CloudEventCodec.statementPublished(statement, URI.create("urn:test"));

        StatementsProducer.send(record);
        StatementsProducer.send(record);

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        // Both records are consumed (the later one carries the same statement); still one webhook.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.received().size() == 1);
        assertThat(alertCount(statement.id())).isEqualTo(1);
    }

    @Test
    void aBackfilledStatementIsKeptForBacktestsAndAlertsNobody() {
        subscribe(List.of("prisoners"));
        Statement history =
                StatementsProducer.statement("Old statement", "Azerbaijan should release all prisoners of war.");
        ProducerRecord<String, byte[]> record = CloudEventCodec.statementPublished(history, URI.create("urn:test"));
        CloudEventCodec.markBackfill(record);
        Statement news = StatementsProducer.statement(
                "New statement", "Azerbaijan must release the Armenian prisoners of war now.");

        StatementsProducer.send(record);
        StatementsProducer.publish(news);

        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        query("SELECT count(*) FROM statement WHERE id = ?", history.id(), rs -> rs.getInt(1)) == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> alertCount(news.id()) == 1);
        assertThat(alertCount(history.id())).isZero();
        assertThat(receiver.received())
                .noneMatch(r -> r.body().contains(history.id().toString()));
    }

    @Test
    void statementMatchingNoFollowedTopicSendsNothing() {
        subscribe(List.of("section-907"));
        Statement unrelated = StatementsProducer.statement("Farm Safety Week", "We honour farmers and ranchers.");
        Statement marker = StatementsProducer.statement("Marker", "Enforce Section 907 of the FREEDOM Support Act.");

        StatementsProducer.publish(unrelated);
        StatementsProducer.publish(marker);

        // Same key order is not guaranteed across partitions: wait for the marker, then check all.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> receiver.received().stream()
                        .anyMatch(r -> r.body().contains(marker.id().toString())));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> alertCount(unrelated.id()) == 0);
        assertThat(receiver.received())
                .noneMatch(r -> r.body().contains(unrelated.id().toString()));
    }

    @Test
    void unreadableRecordIsSkippedAndLaterStatementsFlow() {
        subscribe(List.of("prisoners"));
        StatementsProducer.send(new ProducerRecord<>(
                KafkaTopics.STATEMENTS, "garbage", "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        Statement statement =
                StatementsProducer.statement("Detainees", "Treat all detainees held in Azerbaijan humanely.");

        StatementsProducer.publish(statement);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> receiver.received().stream()
                        .anyMatch(r -> r.body().contains(statement.id().toString())));
    }

    @Test
    void failedAttemptIsRecordedWithTheReceiversAnswer() {
        receiver.answer(500);
        subscribe(List.of("prisoners"));
        Statement statement = StatementsProducer.statement("POWs", "Azerbaijan must release the POWs.");

        StatementsProducer.publish(statement);

        await().atMost(Duration.ofSeconds(15)).until(() -> attemptCount(statement.id()) == 1);
        assertThat(receiver.received()).hasSize(1);
        assertThat(attemptSummary(statement.id())).isEqualTo("500 HTTP 500 {\"ok\":true}");
        assertThat(alertStatus(statement.id())).as("due again later").isEqualTo("pending");
    }

    @Test
    void subscriptionWithItsOwnQueryIsAlertedWithItsEvidence() throws Exception {
        subscribe(Map.of("channel", "webhook", "target", receiver.url(), "query", "Jermuk NEAR/5 shelling"));
        Statement statement =
                StatementsProducer.statement("Jermuk", "Heavy shelling was reported near Jermuk overnight.");

        StatementsProducer.publish(statement);

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        JsonNode data = JSON.readTree(receiver.received().get(0).body()).get("data");
        assertThat(data.get("topics").size()).isZero();
        assertThat(data.at("/matches/0/topic").asText()).isEqualTo("query");
        assertThat(data.at("/matches/0/evidence/0/text").asText()).isEqualTo("Jermuk");
    }

    @Test
    void sourceAndLanguageFiltersNarrowWhatASubscriptionReceives() {
        subscribe(Map.of(
                "channel",
                "webhook",
                "target",
                receiver.url(),
                "topics",
                List.of("prisoners"),
                "sourceIds",
                List.of("osce")));
        subscribe(Map.of(
                "channel",
                "webhook",
                "target",
                receiver.url(),
                "topics",
                List.of("prisoners"),
                "languages",
                List.of("fr")));
        Statement fromState = StatementsProducer.statement("POWs", "Azerbaijan must release the POWs.");
        Statement fromOsce = new Statement(
                UUID.randomUUID(),
                "osce",
                "https://www.osce.org/statements/" + UUID.randomUUID(),
                "POWs",
                "Azerbaijan must release the POWs.",
                "en",
                Instant.now(),
                Instant.now(),
                "cd".repeat(32));

        StatementsProducer.publish(fromState);
        StatementsProducer.publish(fromOsce);

        // Only the OSCE statement, only to the OSCE subscription: the French-only one gets nothing.
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).body()).contains(fromOsce.id().toString());
    }

    @Test
    void receiverThatDripsItsAnswerIsCutOffAndRecordedAsAFailedAttempt() throws Exception {
        try (ServerSocket dripping = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread drip = new Thread(() -> dripOneByteAtATime(dripping), "dripping-receiver");
            drip.setDaemon(true);
            drip.start();
            subscribe(List.of("prisoners"), "http://127.0.0.1:" + dripping.getLocalPort() + "/slow");
            Statement statement = StatementsProducer.statement("Captives", "Azerbaijan must release the captives.");

            StatementsProducer.publish(statement);

            await().atMost(Duration.ofSeconds(20)).until(() -> attemptCount(statement.id()) == 1);
            // No status code: the answer never completed; the error says why.
            String attempt = query(
                    "SELECT coalesce(d.status_code::text, 'none') || ' ' || d.error FROM delivery_attempt d"
                            + " JOIN alert a ON a.id = d.alert_id WHERE a.statement_id = ?",
                    statement.id(),
                    rs -> rs.getString(1));
            assertThat(attempt).isEqualTo("none no complete answer within 3 s");
        }
    }

    /** Answers 200 with a long body, one byte every 100 ms, for as long as the client listens. */
    private static void dripOneByteAtATime(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.getInputStream().read(new byte[8192]);
                var out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 100_000 && !server.isClosed(); i++) {
                    out.write('x');
                    out.flush();
                    TimeUnit.MILLISECONDS.sleep(100); // pacing the slow answer, not waiting for a result
                }
            } catch (Exception e) {
                // client gave up or the test ended
            }
        }
    }

    private int alertCount(UUID statementId) {
        return query("SELECT count(*) FROM alert WHERE statement_id = ?", statementId, rs -> rs.getInt(1));
    }

    private int attemptCount(UUID statementId) {
        return query(
                "SELECT count(*) FROM delivery_attempt d JOIN alert a ON a.id = d.alert_id WHERE a.statement_id = ?",
                statementId,
                rs -> rs.getInt(1));
    }

    private String alertStatus(UUID statementId) {
        return query("SELECT max(status) FROM alert WHERE statement_id = ?", statementId, rs -> rs.getString(1));
    }

    private String attemptSummary(UUID statementId) {
        return query(
                "SELECT d.status_code || ' ' || d.error || ' ' || d.response_body FROM delivery_attempt d"
                        + " JOIN alert a ON a.id = d.alert_id WHERE a.statement_id = ?",
                statementId,
                rs -> rs.getString(1));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws Exception;
    }

    private <T> T query(String sql, UUID id, Row<T> row) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return row.read(rs);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
