package org.advocacyalerts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private static final URI SOURCE = URI.create("urn:advocacy-alerts:statement-ingest");

    /** A statement as ingest publishes it, for the tests of this package. */
    static final Statement STATEMENT = new Statement(
            UUID.fromString("5b0c1a7e-3f7d-4a54-9a57-0b1bd1c7c001"),
            "armenian-assembly",
            "https://example.org/statements/1",
            "Assembly welcomes call to release prisoners of war",
            "Azerbaijan should immediately release all prisoners of war.",
            "en",
            Instant.parse("2021-05-28T14:00:00Z"),
            Instant.parse("2021-05-28T14:05:00Z"),
            "ab".repeat(32));

    private final Statement statement = STATEMENT;

    @Test
    void independentCloudEventsSdkReadsBinaryModeRecord() {
        ConsumerRecord<String, byte[]> record = asConsumed(CloudEventCodec.statementPublished(statement, SOURCE));

        CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();

        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(statement.id().toString());
        assertThat(event.getType()).isEqualTo("org.advocacyalerts.statement.published");
        assertThat(event.getSource()).isEqualTo(SOURCE);
        assertThat(event.getSubject()).isEqualTo(statement.id().toString());
        assertThat(event.getTime().toInstant()).isEqualTo(statement.retrievedAt());
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
                .contains("\"publishedAt\":\"2021-05-28T14:00:00Z\"")
                .contains("\"contentSha256\":\"" + "ab".repeat(32) + "\"");
    }

    @Test
    void statementSurvivesEncodeAndDecode() {
        ConsumerRecord<String, byte[]> record = asConsumed(CloudEventCodec.statementPublished(statement, SOURCE));

        assertThat(record.key()).isEqualTo(statement.id().toString());
        assertThat(CloudEventCodec.decode(record, EventTypes.STATEMENT_PUBLISHED, Statement.class))
                .isEqualTo(statement);
    }

    @Test
    void recordWithoutCloudEventHeadersIsPoison() {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>("statements", 0, 0L, "key", "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventCodec.decode(record, EventTypes.STATEMENT_PUBLISHED, Statement.class))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void unparsableDataIsPoison() {
        ProducerRecord<String, byte[]> produced = CloudEventCodec.statementPublished(statement, SOURCE);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(
                "statements", 0, 0L, produced.key(), "{\"publishedAt\":\"yesterday\"".getBytes(StandardCharsets.UTF_8));
        produced.headers().forEach(h -> record.headers().add(h));

        assertThatThrownBy(() -> CloudEventCodec.decode(record, EventTypes.STATEMENT_PUBLISHED, Statement.class))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("not a valid Statement");
    }

    @Test
    void eventOfAnotherTypeIsPoison() {
        ProducerRecord<String, byte[]> produced = CloudEventCodec.encode(
                "statements", "k", UUID.randomUUID(), "org.example.other", SOURCE, Instant.now(), statement);

        assertThatThrownBy(() ->
                        CloudEventCodec.decode(asConsumed(produced), EventTypes.STATEMENT_PUBLISHED, Statement.class))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("org.example.other");
    }

    static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> produced) {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>(produced.topic(), 0, 0L, produced.key(), produced.value());
        produced.headers().forEach(h -> record.headers().add(h));
        return record;
    }
}
