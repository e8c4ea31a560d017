package org.advocacyalerts.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.Subscriptions;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.local.WebhookReceiver.Answer;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.TraceContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A statement record's trace, begun in ingest, goes on through the dispatcher: the consume, the match
 * and every webhook POST of its alerts, the retry too (claimed from the database, not handed off), and
 * the receiver gets the POST's {@code traceparent}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class TracingTest {

    /** As ingest's outbox relay writes it: version, trace id, the publishing span's id, sampled. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String PUBLISH_SPAN_ID = "00f067aa0ba902b7";

    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");

    @Inject
    InMemorySpanExporter exporter;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private String subscription;

    @AfterEach
    void cleanUp() {
        Subscriptions.delete(subscription);
        receiver.close();
    }

    @Test
    void consumingMatchingAndDeliveringAStatementJoinTheTraceItsRecordCarries() {
        // The first attempt is told to come back in a second: the retry is claimed from the database.
        receiver.answerInTurn(new Answer(503, Map.of("Retry-After", "1")));
        subscription = Subscriptions.webhook(receiver.url(), "prisoners");
        ProducerRecord<String, byte[]> record = CloudEventCodec.statementPublished(
                StatementsProducer.statement("Prisoners of war", "Azerbaijan must release the Armenian POWs."),
                URI.create("urn:test"));
        record.headers()
                .add(
                        TraceContext.TRACEPARENT,
                        ("00-" + TRACE_ID + "-" + PUBLISH_SPAN_ID + "-01").getBytes(StandardCharsets.UTF_8));

        StatementsProducer.send(record);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SpanData> trace = exporter.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(TRACE_ID))
                    .toList();
            SpanData consume = named(trace, "statements process").get(0);
            assertThat(consume.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(consume.getParentSpanId()).as("the publishing span").isEqualTo(PUBLISH_SPAN_ID);
            SpanData match = named(trace, "match").get(0);
            assertThat(match.getParentSpanId()).isEqualTo(consume.getSpanId());
            assertThat(match.getAttributes().asMap().toString()).contains("advocacy.match.matched");

            List<SpanData> posts = named(trace, "POST").stream()
                    .sorted(Comparator.comparing(SpanData::getStartEpochNanos))
                    .toList();
            assertThat(posts).as("the refused attempt and the retry").hasSize(2);
            for (SpanData post : posts) {
                assertThat(post.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(post.getParentSpanId()).isEqualTo(consume.getSpanId());
                assertThat(post.getAttributes().get(AttributeKey.stringKey("server.address")))
                        .isEqualTo("127.0.0.1");
            }
            assertThat(posts.get(0).getAttributes().get(STATUS_CODE)).isEqualTo(503);
            assertThat(posts.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(posts.get(1).getAttributes().get(STATUS_CODE)).isEqualTo(204);
            assertThat(posts.get(1).getAttributes().get(AttributeKey.longKey("advocacy.delivery.attempt")))
                    .isEqualTo(2);

            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(2);
            for (int k = 0; k < 2; k++) {
                assertThat(received.get(k).header(TraceContext.TRACEPARENT))
                        .as("the receiver may join the trace: the POST span is its parent")
                        .isEqualTo("00-" + TRACE_ID + "-" + posts.get(k).getSpanId() + "-01");
            }
        });
    }

    private static List<SpanData> named(List<SpanData> trace, String name) {
        List<SpanData> spans =
                trace.stream().filter(s -> s.getName().equals(name)).toList();
        if (spans.isEmpty()) {
            throw new AssertionError(name + " not exported yet"); // Awaitility retries on these
        }
        return spans;
    }
}
