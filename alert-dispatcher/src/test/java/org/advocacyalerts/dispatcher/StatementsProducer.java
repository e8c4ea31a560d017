package org.advocacyalerts.dispatcher;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.Statement;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes to the test broker's {@code statements} topic as statement-ingest does. */
final class StatementsProducer {

    private StatementsProducer() {}

    static Statement statement(String title, String body) {
        return statement(title, body, Instant.parse("2021-05-27T18:30:00Z"));
    }

    static Statement statement(String title, String body, Instant publishedAt) {
        return new Statement(
                UUID.randomUUID(),
                "state-department",
                "https://www.state.gov/statements/" + UUID.randomUUID(),
                title,
                body,
                "en",
                publishedAt,
                Instant.now(),
                "ab".repeat(32));
    }

    static void publish(Statement statement) {
        send(CloudEventCodec.statementPublished(statement, URI.create("urn:test")));
    }

    static void send(ProducerRecord<String, byte[]> record) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestResource.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
