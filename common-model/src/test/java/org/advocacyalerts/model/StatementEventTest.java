package org.advocacyalerts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class StatementEventTest {

    private static final URI SOURCE = URI.create("urn:test");

    private final Statement statement = CloudEventCodecTest.STATEMENT;

    @Test
    void aPublishedStatementAndARevisionAreRead() {
        StatementEvent published = StatementEvent.read(
                CloudEventCodecTest.asConsumed(CloudEventCodec.statementPublished(statement, SOURCE)));
        assertThat(published.statement()).isEqualTo(statement);
        assertThat(published.revision()).isNull();
        assertThat(published.backfill()).isFalse();

        StatementRevised revised = new StatementRevised(statement, 2, "cd".repeat(32), "diff");
        StatementEvent read = StatementEvent.read(revisedRecord(CloudEventCodec.toJson(revised)));
        assertThat(read.revision()).isEqualTo(revised);
        assertThat(read.statement()).isEqualTo(statement);
    }

    @Test
    void aStatementThatParsesButLacksRequiredFieldsIsPoisonNamingThem() {
        byte[] data =
                "{\"id\":\"5b0c1a7e-3f7d-4a54-9a57-0b1bd1c7c001\",\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> produced = CloudEventCodec.encode(
                KafkaTopics.STATEMENTS,
                "k",
                UUID.randomUUID(),
                EventTypes.STATEMENT_PUBLISHED,
                SOURCE,
                Instant.now(),
                data);

        assertThatThrownBy(() -> StatementEvent.read(CloudEventCodecTest.asConsumed(produced)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("sourceId, url, body, language, publishedAt, retrievedAt");
    }

    @Test
    void aRevisionWithoutItsStatementOrWithRevisionZeroIsPoison() {
        assertThatThrownBy(() -> StatementEvent.read(revisedRecord(
                        "{\"revision\":1,\"previousSha256\":\"x\",\"diff\":\"\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("without its statement");
        assertThatThrownBy(() -> StatementEvent.read(
                        revisedRecord(CloudEventCodec.toJson(new StatementRevised(statement, 0, "x", "")))))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("revision 0");
    }

    private ConsumerRecord<String, byte[]> revisedRecord(byte[] data) {
        return CloudEventCodecTest.asConsumed(CloudEventCodec.encode(
                KafkaTopics.STATEMENTS,
                statement.id().toString(),
                UUID.randomUUID(),
                EventTypes.STATEMENT_REVISED,
                SOURCE,
                Instant.now(),
                data));
    }
}
