package org.advocacyalerts.dispatcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.Subscriptions;
import org.advocacyalerts.local.EndpointAccess;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.MetricsScrape;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.local.WebhookReceiver.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus scrapes from the dispatcher as a statement is matched and delivered. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DispatcherMetricsTest {

    private static final Map<String, String> WEBHOOK_RETRY = Map.of("channel", "webhook", "outcome", "retry");
    private static final Map<String, String> WEBHOOK_DELIVERED = Map.of("channel", "webhook", "outcome", "delivered");

    private final WebhookReceiver receiver = new WebhookReceiver();
    private String subscription;

    @TestHTTPResource("/")
    URI base;

    @Inject
    BacklogGauges gauges;

    @Inject
    DataSource dataSource;

    @AfterEach
    void cleanUp() {
        Subscriptions.delete(subscription);
        receiver.close();
    }

    /** Scraped as Prometheus scrapes it: without a credential. */
    private MetricsScrape scrape() {
        return MetricsScrape.of(base);
    }

    @Test
    void anyoneMayScrapeTheMetrics() throws Exception {
        HttpResponse<String> anonymous = new EndpointAccess(base).send("GET", "/q/metrics", null);

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(MetricsScrape.parse(anonymous.body()).names())
                .contains(
                        "advocacy_deliveries_due",
                        "advocacy_deliveries_oldest_due_age_seconds",
                        "advocacy_alerts_created_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "http_server_requests_seconds_count",
                        "jvm_memory_used_bytes");
    }

    @Test
    void aStatementIsMatchedTimedAlertedAndItsDeliveryCountedByOutcome() {
        MetricsScrape before = scrape();
        receiver.answerInTurn(Answer.of(500)); // the first attempt fails, a retry is scheduled
        subscription = Subscriptions.webhook(receiver.url(), "prisoners");

        StatementsProducer.publish(StatementsProducer.statement(
                "Prisoners of war", "Azerbaijan must release the Armenian POWs held in Baku."));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(scrape().value("advocacy_deliveries_total", WEBHOOK_RETRY))
                        .isGreaterThanOrEqualTo(before.value("advocacy_deliveries_total", WEBHOOK_RETRY) + 1));
        MetricsScrape after = scrape();
        assertThat(after.value("advocacy_match_seconds_count"))
                .isGreaterThanOrEqualTo(before.value("advocacy_match_seconds_count") + 1);
        assertThat(after.has("advocacy_match_seconds_bucket", Map.of("le", "+Inf")))
                .as("a histogram, for quantiles over all replicas")
                .isTrue();
        double matched = after.value("advocacy_match_matched_total") - before.value("advocacy_match_matched_total");
        double candidates =
                after.value("advocacy_match_candidates_total") - before.value("advocacy_match_candidates_total");
        assertThat(matched).as("the prisoners topic at least").isGreaterThanOrEqualTo(1);
        assertThat(candidates).as("a query runs before it matches").isGreaterThanOrEqualTo(matched);
        assertThat(after.value("advocacy_alerts_created_total"))
                .isGreaterThanOrEqualTo(before.value("advocacy_alerts_created_total") + 1);
        assertThat(after.value("advocacy_delivery_seconds_count", Map.of("channel", "webhook")))
                .isGreaterThanOrEqualTo(
                        before.value("advocacy_delivery_seconds_count", Map.of("channel", "webhook")) + 1);
    }

    @Test
    void aDueAlertIsGaugedWithItsAgeUntilItIsDelivered() throws Exception {
        receiver.answerInTurn(Answer.of(500));
        subscription = Subscriptions.webhook(receiver.url(), "prisoners");
        double deliveredBefore = scrape().value("advocacy_deliveries_total", WEBHOOK_DELIVERED);
        StatementsProducer.publish(StatementsProducer.statement(
                "Prisoners of war", "Azerbaijan must release the Armenian POWs held in Baku."));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsWaiting("attempts = 1 AND status = 'pending'") == 1);

        // The retry is due since a minute, and another replica holds its claim: it waits, and is gauged.
        sql(
                "UPDATE alert SET next_attempt_at = now() - interval '60 seconds',"
                        + " lease_until = now() + interval '60 seconds' WHERE subscription_id = ?::uuid AND status = 'pending'");
        gauges.refresh();
        MetricsScrape waiting = scrape();
        assertThat(waiting.value("advocacy_deliveries_due")).isGreaterThanOrEqualTo(1);
        assertThat(waiting.value("advocacy_deliveries_oldest_due_age_seconds")).isGreaterThanOrEqualTo(59);

        // That replica gives it back: this one delivers it, and it is no longer due.
        sql("UPDATE alert SET lease_until = NULL WHERE subscription_id = ?::uuid");
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsWaiting("status = 'pending'") == 0);
        gauges.refresh();
        MetricsScrape delivered = scrape();
        assertThat(delivered.value("advocacy_deliveries_due")).isLessThan(waiting.value("advocacy_deliveries_due"));
        assertThat(delivered.value("advocacy_deliveries_total", WEBHOOK_DELIVERED))
                .isGreaterThanOrEqualTo(deliveredBefore + 1);
    }

    private long alertsWaiting(String condition) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM alert WHERE subscription_id = ?::uuid AND " + condition)) {
            ps.setString(1, subscription);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, subscription);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
