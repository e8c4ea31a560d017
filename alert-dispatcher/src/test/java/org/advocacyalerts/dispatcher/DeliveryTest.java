package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.delivery.DeliveryWorker;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.local.WebhookReceiver.Answer;
import org.advocacyalerts.model.Statement;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durable retries on Svix's schedule (the clock is moved instead of waiting hours), Retry-After,
 * 410 Gone, abort-message, dead letters and their replay, and endpoint isolation, against real HTTP
 * receivers, PostgreSQL and Kafka.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longer than the longest wait of the schedule (10 h) with its jitter (+20 %). */
    private static final Duration PAST_ANY_WAIT = Duration.ofHours(13);

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(id -> given().delete("/api/subscriptions/" + id));
        receiver.close();
        clock.reset();
    }

    private String subscribe(String target) {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", target, "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        subscriptions.add(id);
        return id;
    }

    private Statement publishPrisonersStatement() {
        Statement statement =
                StatementsProducer.statement("Prisoners of war", "Azerbaijan must release the Armenian POWs.");
        StatementsProducer.publish(statement);
        return statement;
    }

    /** The subscription's only delivery, as {@code GET /api/deliveries} shows it. */
    private JsonPath delivery(String subscriptionId) {
        JsonPath list = given().queryParam("subscriptionId", subscriptionId)
                .get("/api/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(list.getList("$")).hasSize(1);
        return first(list);
    }

    private static JsonPath first(JsonPath list) {
        try {
            return new JsonPath(JSON.writeValueAsString(list.getMap("[0]")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int attempts(String subscriptionId) {
        List<Integer> attempts = given().queryParam("subscriptionId", subscriptionId)
                .get("/api/deliveries")
                .then()
                .extract()
                .path("attempts");
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    /** The status of the subscription's first delivery; null while there is none. */
    private String status(String subscriptionId) {
        List<String> statuses = given().queryParam("subscriptionId", subscriptionId)
                .get("/api/deliveries")
                .then()
                .extract()
                .path("status");
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    /** How many of the subscription's deliveries are delivered. */
    private int delivered(String subscriptionId) {
        return given().queryParam("subscriptionId", subscriptionId)
                .queryParam("status", "delivered")
                .get("/api/deliveries")
                .then()
                .extract()
                .jsonPath()
                .getList("$")
                .size();
    }

    /** Waits for attempt {@code n} to be recorded. */
    private void awaitAttempt(String subscriptionId, int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> attempts(subscriptionId) >= n);
    }

    @Test
    void aClaimHeldByAnotherReplicaHoldsWhateverThisReplicasClockSays() throws Exception {
        receiver.answerInTurn(Answer.of(500)); // the first attempt fails: the alert waits for a retry
        String subscription = subscribe(receiver.url());
        publishPrisonersStatement();
        awaitAttempt(subscription, 1);

        // Another replica claims the retry for 40 s, by the database's clock...
        sql(
                "UPDATE alert SET next_attempt_at = now() - interval '1 second',"
                        + " lease_until = now() + interval '40 seconds' WHERE subscription_id = ?::uuid",
                subscription);
        // ...while this replica's own clock runs 45 s ahead: the claim has not run out.
        clock.advance(Duration.ofSeconds(45));
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(7))
                .until(() -> receiver.received().size() == 1);

        // The other replica gives it back unsent: this one sends it.
        sql("UPDATE alert SET lease_until = NULL WHERE subscription_id = ?::uuid", subscription);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 2);
    }

    private void sql(String statement, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, parameter);
            ps.executeUpdate();
        }
    }

    @Test
    void failingTwiceThenSucceedingIsDeliveredOnTheThirdAttemptWithTheSameWebhookId() {
        receiver.answerInTurn(Answer.of(500), Answer.of(503));
        String subscription = subscribe(receiver.url());
        publishPrisonersStatement();

        awaitAttempt(subscription, 1);
        JsonPath afterFirst = delivery(subscription);
        Instant firstAt = Instant.parse(afterFirst.getString("attemptLog[0].at"));
        Duration firstWait = Duration.between(firstAt, Instant.parse(afterFirst.getString("nextAttemptAt")));
        assertThat(firstWait).as("5 s ± 20 %").isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));

        clock.advance(Duration.ofSeconds(7));
        awaitAttempt(subscription, 2);
        JsonPath afterSecond = delivery(subscription);
        Instant secondAt = Instant.parse(afterSecond.getString("attemptLog[1].at"));
        Duration secondWait = Duration.between(secondAt, Instant.parse(afterSecond.getString("nextAttemptAt")));
        assertThat(secondWait).as("5 min ± 20 %").isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));

        clock.advance(Duration.ofMinutes(7));
        await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(subscription)));

        JsonPath delivered = delivery(subscription);
        assertThat(delivered.getList("attemptLog.statusCode")).containsExactly(500, 503, 204);
        assertThat(delivered.getList("attemptLog.attempt")).containsExactly(1, 2, 3);
        // The successful attempt (kept with the alert, the failed ones beside it) comes last, at delivery.
        assertThat(delivered.getString("attemptLog[2].at")).isEqualTo(delivered.getString("deliveredAt"));
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received().stream().map(r -> r.header("webhook-id")).distinct())
                .as("a retry is the same message")
                .containsExactly(delivered.getString("id"));
    }

    @Test
    void retryAfterOfA429IsHonouredOverTheSchedule() {
        receiver.answerInTurn(new Answer(429, Map.of("Retry-After", "120")));
        String subscription = subscribe(receiver.url());
        publishPrisonersStatement();

        awaitAttempt(subscription, 1);
        JsonPath first = delivery(subscription);
        Duration wait = Duration.between(
                Instant.parse(first.getString("attemptLog[0].at")), Instant.parse(first.getString("nextAttemptAt")));
        assertThat(wait)
                .as("the receiver asked for 120 s, the schedule says 5 s")
                .isEqualTo(Duration.ofSeconds(120));

        clock.advance(Duration.ofSeconds(60));
        // Not before the receiver said: the attempt stays one while the worker polls (it polls every second).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> attempts(subscription) == 1);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(subscription)));
    }

    @Test
    void goneDisablesTheSubscriptionAndRecoverBringsItBack() {
        receiver.answerInTurn(Answer.of(410));
        String subscription = subscribe(receiver.url());
        publishPrisonersStatement();

        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(status(subscription)));
        assertThat(delivery(subscription).getInt("attempts")).isEqualTo(1);
        given().get("/api/subscriptions/" + subscription)
                .then()
                .body("status", Matchers.equalTo("disabled"))
                .body("disabledReason", containsString("410 Gone"));

        Instant since =
                Instant.parse(delivery(subscription).getString("createdAt")).minusSeconds(1);
        given().queryParam("since", since.toString())
                .post("/api/subscriptions/" + subscription + "/recover")
                .then()
                .statusCode(202)
                .body("requeued", Matchers.equalTo(1));
        given().get("/api/subscriptions/" + subscription).then().body("status", Matchers.equalTo("active"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(subscription)));
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void abortMessageStopsRetriesOfThatMessage() {
        receiver.answerInTurn(new Answer(500, Map.of("webhook-delivery", "abort-message")));
        String subscription = subscribe(receiver.url());
        publishPrisonersStatement();

        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(status(subscription)));
        assertThat(delivery(subscription).getString("lastError")).contains("aborted");
        clock.advance(PAST_ANY_WAIT);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() == 1);
    }

    @Test
    void afterTheEighthFailureTheDeliveryIsADeadLetterThatCanBeRetried() {
        receiver.answer(500);
        String subscription = subscribe(receiver.url());
        publishPrisonersStatement();

        for (int attempt = 1; attempt <= 8; attempt++) {
            awaitAttempt(subscription, attempt);
            clock.advance(PAST_ANY_WAIT);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(status(subscription)));
        JsonPath failed = first(given().queryParam("status", "failed")
                .queryParam("subscriptionId", subscription)
                .get("/api/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath());
        assertThat(failed.getList("attemptLog.statusCode")).hasSize(8).containsOnly(500);
        assertThat(failed.getList("attemptLog.response", String.class)).containsOnly("{\"ok\":true}");
        assertThat(failed.getString("nextAttemptAt")).isNull();
        assertThat(receiver.received()).hasSize(8);

        receiver.answer(204);
        given().post("/api/deliveries/" + failed.getString("id") + "/retry")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(subscription)));
        assertThat(receiver.received()).hasSize(9);
        given().post("/api/deliveries/" + failed.getString("id") + "/retry")
                .then()
                .statusCode(409)
                .body("detail", containsString("is delivered"));
    }

    @Test
    void manyUrlsOnOneHostShareThatHostsSenders() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // One receiver host behind six URLs, hanging: it may hold perEndpoint (4) senders, not 6.
            for (int i = 1; i <= 6; i++) {
                subscribe("http://127.0.0.1:" + silent.getLocalPort() + "/partner-" + i);
            }
            List<Socket> open = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        open.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            publishPrisonersStatement();

            await().atMost(Duration.ofSeconds(10)).until(() -> open.size() >= 4);
            await().during(Duration.ofMillis(1500)) // (each send hangs for the 3 s test timeout)
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> open.size() == 4);
        }
    }

    @Test
    void aHangingEndpointDoesNotDelayAnyOther() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Accepts connections (the kernel does) and never answers.
            subscribe("http://127.0.0.1:" + silent.getLocalPort() + "/hangs");
            String healthy = subscribe(receiver.url());

            for (int i = 0; i < 10; i++) {
                publishPrisonersStatement();
            }

            // Ten alerts to the silent endpoint take 3 s each (the test timeout), four at a time: 9 s
            // if they queued in front; the healthy endpoint gets its ten long before.
            await().atMost(Duration.ofSeconds(6))
                    .until(() -> receiver.received().size() == 10);
            assertThat(delivered(healthy)).isEqualTo(10);
        }
    }

    @Test
    void aSubscriptionDeletedWhileItsWebhookIsInFlightRaisesNoErrorAndDeliveriesGoOn() throws Exception {
        // An operator is paged by errors: recording the attempt of an alert deleted with its subscription
        // failed the whole batch on a foreign key and logged an error per alert.
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger worker = Logger.getLogger(DeliveryWorker.class.getName());
        worker.addHandler(capture);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String leaving = subscribe("http://127.0.0.1:" + silent.getLocalPort() + "/hangs");
            String staying = subscribe(receiver.url());
            publishPrisonersStatement();
            try (Socket inFlight = silent.accept()) { // the webhook is being sent, and hangs
                given().delete("/api/subscriptions/" + leaving).then().statusCode(204);
                subscriptions.remove(leaving);
                await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status(staying)));

                // The sender gives up after the test timeout (3 s) and closes the connection: the alert
                // whose attempt it now reports is gone.
                inFlight.setSoTimeout(15_000); // a SocketTimeoutException fails the test
                try {
                    inFlight.getInputStream().readAllBytes(); // the request, then the close
                } catch (SocketException reset) {
                    // closed abruptly: closed all the same
                }
            }
            // Attempts are recorded in the order they end: once the next statement's webhook is recorded,
            // the gone alert's attempt has been dealt with.
            publishPrisonersStatement();
            await().atMost(Duration.ofSeconds(15)).until(() -> delivered(staying) == 2);
            assertThat(errors).isEmpty();
        } finally {
            worker.removeHandler(capture);
        }
    }

    @Test
    void anEndpointFailingFiveTimesInARowIsLeftAloneUntilItsCircuitCoolsDown() {
        receiver.answer(500);
        String subscription = subscribe(receiver.url());
        for (int i = 0; i < 10; i++) {
            publishPrisonersStatement();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= 5);
        // Open after the fifth failure: at most the 3 sends already in flight beside it follow, and the
        // other alerts wait (without the circuit, all ten would be tried at once).
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() <= 8);
        List<Integer> attempts = given().queryParam("subscriptionId", subscription)
                .get("/api/deliveries")
                .then()
                .extract()
                .path("attempts");
        assertThat(attempts).hasSize(10).contains(0);

        receiver.answer(204);
        clock.advance(Duration.ofSeconds(31)); // the cool-down (and the first retries' 5 s) are over
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered(subscription) == 10);
    }

    @Test
    void targetsOnNonPublicAddressesAreRefusedWhenSubscribing() {
        // The tests allow loopback (their receivers listen there); every other non-public range is refused.
        for (String target : List.of(
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.7/hooks",
                "http://192.168.1.1/hooks",
                "http://100.64.0.1/hooks",
                "http://[fd00::1]/hooks",
                "http://[::ffff:10.0.0.7]/hooks")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("channel", "webhook", "target", target, "topics", List.of("prisoners")))
                    .post("/api/subscriptions")
                    .then()
                    .statusCode(400)
                    .body(containsString("not a public address"));
        }
    }

    @Test
    void aTargetThatNowResolvesToAPrivateAddressIsRefusedOnSend() throws Exception {
        // As after DNS rebinding: the stored target leads to a private address when the alert is sent.
        String subscription = subscribe(receiver.url());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE subscription SET target = ? WHERE id = ?")) {
            ps.setString(1, "http://10.255.255.1:9/hooks");
            ps.setObject(2, UUID.fromString(subscription));
            ps.executeUpdate();
        }
        publishPrisonersStatement();

        awaitAttempt(subscription, 1);
        JsonPath delivery = delivery(subscription);
        assertThat(delivery.getString("attemptLog[0].error"))
                .startsWith("refused:")
                .contains("10.255.255.1");
        assertThat(delivery.getString("attemptLog[0].statusCode")).isNull();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void afterASecretRotationBothSecretsSignFor24Hours() throws Exception {
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", receiver.url(), "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String subscription = created.getString("id");
        subscriptions.add(subscription);
        String oldSecret = created.getString("secret");
        JsonPath rotated = given().post("/api/subscriptions/" + subscription + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String newSecret = rotated.getString("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

        publishPrisonersStatement();
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received first = receiver.received().get(0);
        assertThat(first.header("webhook-signature").split(" ")).hasSize(2);
        // An independent verifier accepts the message with either secret.
        new Webhook(newSecret).verify(first.body(), first.headers());
        new Webhook(oldSecret).verify(first.body(), first.headers());

        clock.advance(Duration.ofHours(25));
        publishPrisonersStatement();
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 2);
        WebhookReceiver.Received later = receiver.received().get(1);
        assertThat(later.header("webhook-signature").split(" "))
                .as("the old secret expired")
                .hasSize(1);

        given().post("/api/subscriptions/00000000-0000-0000-0000-000000000000/rotate-secret")
                .then()
                .statusCode(404);
    }

    @Test
    void badQueriesAreRejectedWithReasons() {
        given().queryParam("status", "lost")
                .get("/api/deliveries")
                .then()
                .statusCode(400)
                .body(containsString("pending, delivered, failed"));
        given().queryParam("subscriptionId", "not-a-uuid")
                .queryParam("limit", "100000")
                .get("/api/deliveries")
                .then()
                .statusCode(400)
                .body(containsString("subscriptionId"))
                .body(containsString("limit"));
        String subscription = subscribe(receiver.url());
        given().post("/api/subscriptions/" + subscription + "/recover")
                .then()
                .statusCode(400)
                .body(containsString("ISO-8601"));
        given().queryParam("since", "yesterday")
                .post("/api/subscriptions/" + subscription + "/recover")
                .then()
                .statusCode(400);
        given().queryParam("since", "2026-01-01T00:00:00Z")
                .post("/api/subscriptions/00000000-0000-0000-0000-000000000000/recover")
                .then()
                .statusCode(404);
        given().post("/api/deliveries/00000000-0000-0000-0000-000000000000/retry")
                .then()
                .statusCode(404);
    }
}
