package org.advocacyalerts.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.TraceContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A statement record's trace, begun in ingest, goes on through the dispatcher's consume and match. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class TracingTest {

    /** As ingest's outbox relay writes it: version, trace id, the publishing span's id, sampled. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String PUBLISH_SPAN_ID = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void consumingAndMatchingAStatementJoinTheTraceItsRecordCarries() {
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
            SpanData consume = trace.stream()
                    .filter(s -> s.getName().equals("statements process"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("not exported yet")); // Awaitility retries on these
            assertThat(consume.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(consume.getParentSpanId()).as("the publishing span").isEqualTo(PUBLISH_SPAN_ID);
            SpanData match = trace.stream()
                    .filter(s -> s.getName().equals("match"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("not exported yet")); // Awaitility retries on these
            assertThat(match.getParentSpanId()).isEqualTo(consume.getSpanId());
            assertThat(match.getAttributes().asMap().toString()).contains("advocacy.match.matched");
        });
    }
}
