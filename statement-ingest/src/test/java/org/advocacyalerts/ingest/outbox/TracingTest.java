package org.advocacyalerts.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.advocacyalerts.ingest.StatementApiTest;
import org.advocacyalerts.ingest.StatementsTopic;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * One trace from the API request to the Kafka record: the outbox relay's publish, on another thread and
 * later, joins the request's trace, and the record carries it on to the consumers ({@code traceparent}).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class TracingTest {

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void aPostedStatementsRecordCarriesTheTraceOfTheRequestThroughTheOutbox() {
        String id = StatementApiTest.postNew();

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> StatementsTopic.recordsWithKey(id), r -> !r.isEmpty());
        Header header = records.get(0).headers().lastHeader(TraceContext.TRACEPARENT);
        assertThat(header).as("the record's trace context").isNotNull();
        String[] traceparent = new String(header.value(), StandardCharsets.UTF_8).split("-");
        String traceId = traceparent[1];
        String publishSpanId = traceparent[2];

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = exporter.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId))
                    .toList();
            SpanData publish = trace.stream()
                    .filter(s -> s.getSpanId().equals(publishSpanId))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("not exported yet")); // Awaitility retries on these
            assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(publish.getName()).isEqualTo("statements publish");
            assertThat(trace)
                    .as("the request that stored the statement, in the same trace")
                    .anySatisfy(s -> {
                        assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                        assertThat(s.getName()).isEqualTo("POST /api/statements");
                    });
        });
    }
}
