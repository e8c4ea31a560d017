package org.advocacyalerts.dispatcher.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.TestCredentials;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.model.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two integrators on one dispatcher: each sees and manages its own subscriptions and deliveries only,
 * and the other's answer 404 (never 403, which would tell they exist).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class TenantIsolationTest {

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", TestCredentials.bearer(key));
    }

    @Test
    void anIntegratorSeesAndManagesOnlyItsOwnSubscriptionsAndDeliveries() {
        String a = AccessTest.createKey(Roles.INTEGRATOR, "tenant-a-" + System.nanoTime(), List.of());
        String b = AccessTest.createKey(Roles.INTEGRATOR, "tenant-b-" + System.nanoTime(), List.of());
        String subscription = as(a).contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", receiver.url(), "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Statement statement = StatementsProducer.statement(
                "Prisoners of war " + System.nanoTime(), "Azerbaijan must release the Armenian POWs.");
        StatementsProducer.publish(statement);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> as(a).queryParam("subscriptionId", subscription)
                                .queryParam("status", "delivered")
                                .get("/api/deliveries")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("id")
                                .size()
                        == 1);
        String delivery = as(a).queryParam("subscriptionId", subscription)
                .get("/api/deliveries")
                .then()
                .extract()
                .path("[0].id");

        // tenant B: every way to A's subscription and delivery is a 404, every list is empty of them
        as(b).get("/api/subscriptions/" + subscription).then().statusCode(404);
        as(b).delete("/api/subscriptions/" + subscription).then().statusCode(404);
        as(b).post("/api/subscriptions/" + subscription + "/rotate-secret")
                .then()
                .statusCode(404);
        as(b).queryParam("since", "2020-01-01T00:00:00Z")
                .post("/api/subscriptions/" + subscription + "/recover")
                .then()
                .statusCode(404);
        as(b).post("/api/deliveries/" + delivery + "/retry").then().statusCode(404);
        assertThat(as(b).get("/api/deliveries")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id"))
                .doesNotContain(delivery);
        assertThat(as(b).queryParam("subscriptionId", subscription)
                        .get("/api/deliveries")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id"))
                .isEmpty();
        Map<String, String> text = Map.of("title", statement.title(), "body", statement.body());
        assertThat(dryRun(b, text)).doesNotContain(subscription);

        // tenant A (and the admin) see it all
        assertThat(dryRun(a, text)).contains(subscription);
        assertThat(dryRun(TestCredentials.ADMIN_KEY, text)).contains(subscription);
        as(a).get("/api/subscriptions/" + subscription).then().statusCode(200).body("id", equalTo(subscription));
        given().get("/api/subscriptions/" + subscription).then().statusCode(200);
        as(a).post("/api/subscriptions/" + subscription + "/rotate-secret")
                .then()
                .statusCode(200);
        as(a).delete("/api/subscriptions/" + subscription).then().statusCode(204);
    }

    private static List<String> dryRun(String key, Map<String, String> text) {
        return as(key).contentType(ContentType.JSON)
                .body(text)
                .post("/api/match?subscriptions=true")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("subscriptions");
    }
}
