package org.advocacyalerts.dispatcher.secrets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.email.EmailLinks;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.support.Jdbc;
import org.junit.jupiter.api.Test;

/**
 * Secrets are stored encrypted: the database never holds a webhook secret as it is, yet webhooks are
 * signed with it; email links name no readable subscription and can be revoked.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class SecretsAtRestTest {

    @Inject
    DataSource dataSource;

    @Inject
    EmailLinks links;

    private List<String> column(String sql, Object... params) {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, sql, rs -> rs.getString(1), params));
    }

    @Test
    void theDatabaseNeverHoldsAWebhookSecretAsItIsYetWebhooksAreSignedWithIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, String> created = given().contentType(ContentType.JSON)
                    .body(Map.of("channel", "webhook", "target", receiver.url(), "topics", List.of("prisoners")))
                    .post("/api/subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getMap("$");
            String id = created.get("id");
            String first = created.get("secret");
            String second = given().post("/api/subscriptions/" + id + "/rotate-secret")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");

            String row = String.join(
                    " ",
                    column("SELECT concat_ws(' ', secret, previous_secret) FROM subscription WHERE id = ?::uuid", id));
            assertThat(row).startsWith(SecretBox.PREFIX);
            for (String secret : List.of(first, second)) {
                assertThat(row).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
            }

            StatementsProducer.publish(StatementsProducer.statement(
                    "Prisoners of war " + UUID.randomUUID(), "Azerbaijan must release the Armenian POWs."));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !receiver.received().isEmpty());
            WebhookReceiver.Received hook = receiver.received().get(0);
            HttpHeaders headers = HttpHeaders.of(hook.headers(), (a, b) -> true);
            // both secrets sign during the rotation's overlap: each verifies on its own
            new Webhook(second).verify(hook.body(), headers);
            new Webhook(first).verify(hook.body(), headers);
        }
    }

    @Test
    void emailLinksShowNoSubscriptionAndStopWorkingWhenRevoked() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", "https://example.org/h", "topics", List.of("border")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UUID subscription = UUID.fromString(id);
        String url = links.unsubscribe(subscription).url();
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(token).startsWith("e1.test1.").doesNotContain(id);
        byte[] idBytes = ByteBuffer.allocate(16)
                .putLong(subscription.getMostSignificantBits())
                .putLong(subscription.getLeastSignificantBits())
                .array();
        byte[] decoded = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        assertThat(indexOf(decoded, idBytes)).as("the id's bytes in the token").isEqualTo(-1);

        given().get("/email/unsubscribe/" + token).then().statusCode(200);
        given().post("/api/subscriptions/" + id + "/revoke-links").then().statusCode(200);
        given().get("/email/unsubscribe/" + token).then().statusCode(400);
        String fresh = links.unsubscribe(subscription).url();
        given().get(fresh.substring(fresh.indexOf("/email/"))).then().statusCode(200);
        given().delete("/api/subscriptions/" + id).then().statusCode(204);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
