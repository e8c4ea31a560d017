package org.advocacyalerts.dispatcher.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.model.Statement;
import org.junit.jupiter.api.Test;

/** Finished alerts, unused bodies and old statements go after their periods; nothing still needed does. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RetentionTest {

    @Inject
    DataSource dataSource;

    @Inject
    Retention retention;

    private String subscribe(String target) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", target, "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void oldFinishedAlertsTheirBodiesAndOldStatementsGoWhilePendingAlertsStay() throws Exception {
        try (WebhookReceiver ok = new WebhookReceiver();
                WebhookReceiver failing = new WebhookReceiver()) {
            failing.answer(500);
            String delivered = subscribe(ok.url());
            String pending = subscribe(failing.url());
            Statement old = StatementsProducer.statement("POWs", "Azerbaijan must release the prisoners of war.");
            StatementsProducer.publish(old);
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            ok.received().size() == 1 && !failing.received().isEmpty());
            Statement recent = StatementsProducer.statement("POWs", "Release the prisoners of war held in Baku.");
            StatementsProducer.publish(recent);
            await().atMost(Duration.ofSeconds(15)).until(() -> ok.received().size() == 2);

            // The first statement and its alerts were 100 days ago (its reception 500).
            update("UPDATE alert SET created_at = now() - interval '100 days' WHERE statement_id = ?", old.id());
            update("UPDATE statement SET received_at = now() - interval '500 days' WHERE id = ?", old.id());
            UUID oldBody = single(
                    "SELECT body_id FROM alert WHERE statement_id = ? AND body_id IS NOT NULL LIMIT 1", old.id());

            Retention.Purged purged = retention.purge();

            assertThat(purged.alerts()).isGreaterThanOrEqualTo(1);
            assertThat(count(
                            "SELECT count(*) FROM alert WHERE statement_id = ? AND subscription_id = ?::uuid",
                            old.id(),
                            delivered))
                    .as("the old delivered alert")
                    .isZero();
            assertThat(count(
                            "SELECT count(*) FROM alert WHERE statement_id = ? AND subscription_id = ?::uuid",
                            old.id(),
                            pending))
                    .as("the old alert still waiting for its retry")
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM alert WHERE statement_id = ?", recent.id()))
                    .isEqualTo(2);
            assertThat(count("SELECT count(*) FROM statement WHERE id = ?", old.id()))
                    .isZero();
            assertThat(count("SELECT count(*) FROM statement WHERE id = ?", recent.id()))
                    .isEqualTo(1);
            // The old body is kept while the pending alert uses it, and goes with it.
            assertThat(count("SELECT count(*) FROM alert_body WHERE id = ?", oldBody))
                    .isEqualTo(1);
            update("UPDATE alert SET status = 'failed' WHERE statement_id = ?", old.id());
            retention.purge();
            assertThat(count("SELECT count(*) FROM alert_body WHERE id = ?", oldBody))
                    .isZero();
            given().delete("/api/subscriptions/" + delivered);
            given().delete("/api/subscriptions/" + pending);
        }
    }

    private void update(String sql, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    private UUID single(String sql, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof UUID u ? u : params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
