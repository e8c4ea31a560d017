package org.advocacyalerts.dispatcher.consume;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The statement channel never stalls: not on a database outage, not on a record it cannot use. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StatementListenerTest {

    private final WebhookReceiver receiver = new WebhookReceiver();
    private String subscription;

    @AfterEach
    void cleanUp() {
        PostgresTestResource.postgres().reconnect(PostgresTestResource.DATABASE);
        if (subscription != null) {
            given().delete("/api/subscriptions/" + subscription);
        }
        receiver.close();
    }

    private void subscribe() {
        subscription = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", receiver.url(), "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aStatementReadDuringADatabaseOutageIsAlertedWhenTheDatabaseReturnsWithoutARestart() {
        subscribe();
        PostgresTestResource.postgres().cutOff(PostgresTestResource.DATABASE);
        // One statement on every partition, so every consumer of the group meets the outage.
        List<Statement> statements = onEveryPartition();
        statements.forEach(StatementsProducer::publish);

        // Longer than the six tries the listener used to make before failing the channel for good.
        List<String> readiness = new ArrayList<>();
        await().during(Duration.ofSeconds(25))
                .atMost(Duration.ofSeconds(60)) // (a readiness call may wait for a connection)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    readiness.add(given().get("/q/health/ready").asString());
                    return receiver.received().isEmpty();
                });
        PostgresTestResource.postgres().reconnect(PostgresTestResource.DATABASE);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == statements.size());
        for (Statement statement : statements) {
            assertThat(receiver.received())
                    .anyMatch(r -> r.body().contains(statement.id().toString()));
        }
        assertThat(readiness)
                .as("readiness said why while the statement waited")
                .anyMatch(
                        body -> body.contains("\"statement-planning\"") && body.contains("waiting-for-database-since"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void aRecordThatParsesButLacksFieldsGoesToTheDeadLetterTopicAndTheNextStatementFlows() {
        subscribe();
        // Same key, so the same partition: behind the bad record.
        Statement next = StatementsProducer.statement("POWs", "Azerbaijan must release the prisoners of war.");
        byte[] bad =
                "{\"id\":\"%s\",\"title\":\"no body\"}".formatted(next.id()).getBytes(StandardCharsets.UTF_8);
        StatementsProducer.send(CloudEventCodec.encode(
                KafkaTopics.STATEMENTS,
                next.id().toString(),
                UUID.randomUUID(),
                EventTypes.STATEMENT_PUBLISHED,
                URI.create("urn:test"),
                Instant.now(),
                bad));
        // A revision without its statement used to throw inside the retry handler.
        StatementsProducer.send(CloudEventCodec.encode(
                KafkaTopics.STATEMENTS,
                next.id().toString(),
                UUID.randomUUID(),
                EventTypes.STATEMENT_REVISED,
                URI.create("urn:test"),
                Instant.now(),
                "{\"revision\":1}".getBytes(StandardCharsets.UTF_8)));
        StatementsProducer.publish(next);

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).body()).contains(next.id().toString());
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(next.id().toString(), 2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(bad, StandardCharsets.UTF_8));
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("lacks").contains("body");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("without its statement");
        assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(KafkaTopics.STATEMENTS);
    }

    /** A matching statement for each partition of the statements topic (keyed by id, as ingest keys them). */
    private static List<Statement> onEveryPartition() {
        Statement[] byPartition = new Statement[KafkaTopics.STATEMENTS_PARTITIONS];
        int found = 0;
        while (found < byPartition.length) {
            Statement s = StatementsProducer.statement("POWs", "Azerbaijan must release the prisoners of war.");
            int partition = Utils.toPositive(Utils.murmur2(s.id().toString().getBytes(StandardCharsets.UTF_8)))
                    % byPartition.length;
            if (byPartition[partition] == null) {
                byPartition[partition] = s;
                found++;
            }
        }
        return List.of(byPartition);
    }

    /** The dead-letter records keyed {@code key}, waiting until there are {@code count}. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestResource.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(KafkaTopics.STATEMENTS_DEAD_LETTER));
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
