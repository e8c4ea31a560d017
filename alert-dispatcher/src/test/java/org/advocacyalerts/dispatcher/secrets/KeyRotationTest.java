package org.advocacyalerts.dispatcher.secrets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.support.Jdbc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rotation of the encryption key: the service starts with a new key first and the old one after it.
 * Secrets sealed with the old key, and secrets stored before encryption existed, are re-sealed with the
 * new key and keep signing webhooks that verify with the secrets their owners hold.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotated.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class KeyRotationTest {

    static final String OLD = "rot1:GN+uxYG45W9AJG6s99pskPzCcl8rAR2xuPHYa3uL6zs=";
    static final String NEW = "rot2:PFfff2uyfYZmMB2WmE0rvdoINoneZdMCQY4yfN4Xwto=";

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatcher.secrets.keys", NEW + "," + OLD);
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    Resealer resealer;

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(id -> given().delete("/api/subscriptions/" + id));
        receivers.forEach(WebhookReceiver::close);
    }

    /** A subscription to a receiver of its own; returns its id and secret. */
    private Map<String, String> subscribe() {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        Map<String, String> created = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", receiver.url(), "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("$");
        subscriptions.add(created.get("id"));
        return created;
    }

    private void store(String id, String value) {
        Jdbc.inTransaction(
                dataSource, c -> Jdbc.update(c, "UPDATE subscription SET secret = ? WHERE id = ?::uuid", value, id));
    }

    @Test
    void everyStoredSecretIsResealedWithTheNewKeyAndStillSigns() throws Exception {
        Map<String, String> current = subscribe();
        Map<String, String> sealedWithOldKey = subscribe();
        Map<String, String> storedBeforeEncryption = subscribe();
        String oldId = sealedWithOldKey.get("id");
        store(
                oldId,
                new SecretBox(List.of(OLD))
                        .seal(sealedWithOldKey.get("secret"), WebhookSecrets.context(UUID.fromString(oldId))));
        store(storedBeforeEncryption.get("id"), storedBeforeEncryption.get("secret"));

        assertThat(resealer.reseal()).isGreaterThanOrEqualTo(2);
        for (Map<String, String> subscription : List.of(current, sealedWithOldKey, storedBeforeEncryption)) {
            String stored = Jdbc.inTransaction(
                            dataSource,
                            c -> Jdbc.query(
                                    c,
                                    "SELECT secret FROM subscription WHERE id = ?::uuid",
                                    rs -> rs.getString(1),
                                    subscription.get("id")))
                    .get(0);
            assertThat(stored).startsWith("aes1:rot2:").doesNotContain(subscription.get("secret"));
        }

        StatementsProducer.publish(StatementsProducer.statement(
                "Prisoners of war " + UUID.randomUUID(), "Azerbaijan must release the Armenian POWs."));
        List<Map<String, String>> all = List.of(current, sealedWithOldKey, storedBeforeEncryption);
        for (int i = 0; i < all.size(); i++) {
            WebhookReceiver receiver = receivers.get(i);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !receiver.received().isEmpty());
            WebhookReceiver.Received hook = receiver.received().get(0);
            new Webhook(all.get(i).get("secret")).verify(hook.body(), HttpHeaders.of(hook.headers(), (a, b) -> true));
        }
    }
}
