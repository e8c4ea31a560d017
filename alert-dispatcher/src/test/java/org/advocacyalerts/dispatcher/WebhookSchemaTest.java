package org.advocacyalerts.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.advocacyalerts.local.EventSchemas;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.StatementRevised;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks the running dispatcher sends (from statements on the real broker, to a real receiver)
 * validate against the published JSON Schemas: alert.created, alert.revised, and a body cut to fit.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class WebhookSchemaTest {

    private final WebhookReceiver receiver = new WebhookReceiver();
    private String subscription;

    @AfterEach
    void cleanUp() {
        Subscriptions.delete(subscription);
        receiver.close();
    }

    @Test
    void createdAndRevisedAlertsMatchTheirSchemas() {
        subscribe();
        Statement statement = StatementsProducer.statement(
                "Prisoners of war", "Azerbaijan must release the Armenian POWs held in Baku.");
        StatementsProducer.publish(statement);
        String created = awaitBody(1);

        Statement amended = new Statement(
                statement.id(),
                statement.sourceId(),
                statement.url(),
                statement.title(),
                statement.body() + " All of them, and at once.",
                statement.language(),
                statement.publishedAt(),
                Instant.now(),
                "cd".repeat(32));
        StatementsProducer.send(CloudEventCodec.encode(
                KafkaTopics.STATEMENTS,
                statement.id().toString(),
                UUID.randomUUID(),
                EventTypes.STATEMENT_REVISED,
                URI.create("urn:test"),
                amended.retrievedAt(),
                new StatementRevised(amended, 1, statement.contentSha256(), "--- previous\n+++ revised\n")));
        String revised = awaitBody(2);

        assertThat(created).contains("\"type\":\"alert.created\"");
        assertThat(EventSchemas.problems("alert.created", bytes(created))).isEmpty();
        assertThat(revised).contains("\"type\":\"alert.revised\"");
        assertThat(EventSchemas.problems("alert.revised", bytes(revised))).isEmpty();
        assertThat(EventSchemas.problems("alert.revised", bytes(created)))
                .as("the schemas tell the two apart")
                .isNotEmpty();
    }

    @Test
    void aBodyCutToFitMatchesTheSchema() {
        subscribe();
        String longBody = "Azerbaijan must release the Armenian POWs held in Baku. ".repeat(1_000);
        StatementsProducer.publish(StatementsProducer.statement("Prisoners of war", longBody));

        String body = awaitBody(1);

        assertThat(body).contains("\"bodyTruncated\":true");
        assertThat(EventSchemas.problems("alert.created", bytes(body))).isEmpty();
    }

    private void subscribe() {
        subscription = Subscriptions.webhook(receiver.url(), "prisoners");
    }

    /** The body of the {@code n}th webhook received. */
    private String awaitBody(int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= n);
        return receiver.received().get(n - 1).body();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
