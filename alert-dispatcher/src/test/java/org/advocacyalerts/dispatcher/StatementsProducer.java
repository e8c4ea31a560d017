package org.advocacyalerts.dispatcher;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.StatementRevised;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Publishes to the test broker's {@code statements} topic as statement-ingest does. */
public final class StatementsProducer {

    private StatementsProducer() {}

    public static Statement statement(String title, String body) {
        return statement(title, body, Instant.parse("2021-05-27T18:30:00Z"));
    }

    public static Statement statement(String title, String body, Instant publishedAt) {
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

    /**
     * Revision {@code revision} of {@code original} with this title and body, as ingest publishes it
     * (keyed by the statement's id, retrieved a minute later per revision).
     */
    public static ProducerRecord<String, byte[]> revision(Statement original, int revision, String title, String body) {
        Statement text = new Statement(
                original.id(),
                original.sourceId(),
                original.url(),
                title,
                body,
                original.language(),
                original.publishedAt(),
                original.retrievedAt().plusSeconds(60L * revision),
                Integer.toHexString(revision).repeat(64).substring(0, 64));
        return CloudEventCodec.encode(
                KafkaTopics.STATEMENTS,
                original.id().toString(),
                UUID.randomUUID(),
                EventTypes.STATEMENT_REVISED,
                URI.create("urn:test"),
                text.retrievedAt(),
                new StatementRevised(text, revision, original.contentSha256(), "diff"));
    }

    public static void publish(Statement statement) {
        send(CloudEventCodec.statementPublished(statement, URI.create("urn:test")));
    }

    public static void send(ProducerRecord<String, byte[]> record) {
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

    /**
     * Waits until the dispatcher's consumer group has committed every record of the statements topic:
     * what was published before this call has been planned.
     */
    public static void awaitConsumed(Duration atMost) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.kafka().bootstrapServers()))) {
            Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                                        "alert-dispatcher")
                                .partitionsToOffsetAndMetadata()
                                .get();
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        for (int p = 0; p < KafkaTopics.STATEMENTS_PARTITIONS; p++) {
                            latest.put(new TopicPartition(KafkaTopics.STATEMENTS, p), OffsetSpec.latest());
                        }
                        var ends = admin.listOffsets(latest).all().get();
                        return ends.entrySet().stream().allMatch(e -> {
                            OffsetAndMetadata at = committed.get(e.getKey());
                            return e.getValue().offset() == 0
                                    || (at != null
                                            && at.offset() >= e.getValue().offset());
                        });
                    });
        }
    }
}
