package org.advocacyalerts.dispatcher.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook answered 2xx while the database is away is recorded when it returns, and never sent again:
 * not even when the outage outlasts the alert's claim.
 */
@QuarkusTest
@TestProfile(DeliveryWorkerOutageTest.ShortClaims.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DeliveryWorkerOutageTest {

    /** Claims of 10 s (the shortest the 3 s test timeout allows), so an outage can outlast one. */
    public static class ShortClaims implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatcher.delivery.lease", "PT10S");
        }
    }

    @AfterEach
    void databaseIsBack() {
        PostgresTestResource.postgres().reconnect(PostgresTestResource.DATABASE);
    }

    @Test
    void aWebhookAnsweredWhileTheDatabaseIsAwayIsRecordedWhenItReturnsAndNotSentAgain() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The receiver takes the webhook, and at that very moment the database goes away.
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() == 1) {
                PostgresTestResource.postgres().cutOff(PostgresTestResource.DATABASE);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String subscription = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "channel",
                            "webhook",
                            "target",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "topics",
                            List.of("prisoners")))
                    .post("/api/subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            StatementsProducer.publish(
                    StatementsProducer.statement("POWs", "Azerbaijan must release the prisoners of war."));
            await().atMost(Duration.ofSeconds(15)).until(() -> requests.get() == 1);

            // Away for longer than the claim (10 s), then back.
            await().pollDelay(Duration.ofSeconds(14))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> true);
            PostgresTestResource.postgres().reconnect(PostgresTestResource.DATABASE);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "delivered"
                            .equals(given().queryParam("subscriptionId", subscription)
                                    .get("/api/deliveries")
                                    .then()
                                    .extract()
                                    .path("[0].status")));
            await().during(Duration.ofSeconds(12)) // past the claim the alert had
                    .atMost(Duration.ofSeconds(13))
                    .until(() -> requests.get() == 1);
            given().delete("/api/subscriptions/" + subscription);
        } finally {
            receiver.stop(0);
        }
    }
}
