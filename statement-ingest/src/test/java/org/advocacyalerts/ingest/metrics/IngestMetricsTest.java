package org.advocacyalerts.ingest.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.advocacyalerts.ingest.StatementApiTest;
import org.advocacyalerts.ingest.testing.Http;
import org.advocacyalerts.ingest.testing.Polls;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.EndpointAccess;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.MetricsScrape;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus scrapes from ingest, as statements arrive, Kafka fails and sources fail. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class IngestMetricsTest {

    private static final String EMPTY_FEED = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Flaky</title><id>urn:flaky</id>
            <updated>2026-01-01T00:00:00Z</updated></feed>
            """;

    private static HttpServer server;
    private static final AtomicBoolean failing = new AtomicBoolean(true);

    private final EmbeddedKafka kafka = KafkaTestResource.kafka();

    @TestHTTPResource("/")
    URI base;

    @Inject
    BacklogGauges gauges;

    @BeforeAll
    static void serveFeed() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/flaky/feed.atom", x -> {
            if (failing.get()) {
                Http.send(x, 503, "text/plain", "down for maintenance");
            } else {
                Http.send(x, 200, "application/atom+xml", EMPTY_FEED);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @AfterEach
    void kafkaIsBack() {
        kafka.start();
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
                        "advocacy_outbox_pending",
                        "advocacy_outbox_oldest_age_seconds",
                        "advocacy_outbox_failed",
                        "http_server_requests_seconds_count",
                        "jvm_memory_used_bytes");
    }

    @Test
    void aStatementIsCountedAndItsEventWaitsInTheOutboxWhileKafkaIsDown() {
        Map<String, String> api = Map.of("source", "api", "kind", "new");
        double before = scrape().value("advocacy_statements_stored_total", api);
        kafka.stop();

        StatementApiTest.postNew();

        assertThat(scrape().value("advocacy_statements_stored_total", api)).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            gauges.refresh();
            MetricsScrape waiting = scrape();
            assertThat(waiting.value("advocacy_outbox_pending")).isGreaterThanOrEqualTo(1);
            assertThat(waiting.value("advocacy_outbox_oldest_age_seconds")).isPositive();
        });

        kafka.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            gauges.refresh();
            MetricsScrape published = scrape();
            assertThat(published.value("advocacy_outbox_pending")).isZero();
            assertThat(published.value("advocacy_outbox_oldest_age_seconds")).isZero();
        });
    }

    @Test
    void aFailingSourceIsCountedAndGaugedUntilItSucceeds() {
        String id = "metrics-flaky";
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/flaky/feed.atom";
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Flaky", "url", url, "type", "atom", "pollIntervalSeconds", 3600))
                .post("/api/sources")
                .then()
                .statusCode(201);
        Map<String, String> source = Map.of("source", id);
        Map<String, String> failures = Map.of("source", id, "outcome", "failure");

        // A new source is polled at once, and again on demand: each failed poll is counted.
        Polls.now(id);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int failed = consecutiveFailures(id);
            assertThat(failed).isPositive();
            assertThat(scrape().value("advocacy_source_polls_total", failures)).isEqualTo(failed);
        });
        gauges.refresh();
        assertThat(scrape().value("advocacy_source_failing_seconds", source)).isPositive();

        failing.set(false);
        Polls.now(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> consecutiveFailures(id) == 0);
        gauges.refresh();

        MetricsScrape recovered = scrape();
        assertThat(recovered.value("advocacy_source_polls_total", Map.of("source", id, "outcome", "success")))
                .isPositive();
        assertThat(recovered.has("advocacy_source_failing_seconds", source)).isTrue();
        assertThat(recovered.value("advocacy_source_failing_seconds", source)).isZero();
    }

    private static int consecutiveFailures(String id) {
        return given().get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status.consecutiveFailures");
    }
}
