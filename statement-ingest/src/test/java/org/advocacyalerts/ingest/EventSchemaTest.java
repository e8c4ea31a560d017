package org.advocacyalerts.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.ingest.intake.StatementService;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.SourceItemStore.PageState;
import org.advocacyalerts.ingest.store.TextFrom;
import org.advocacyalerts.local.EventSchemas;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * What statement-ingest really puts on the {@code statements} topic validates against the published
 * JSON Schemas, and each record names its schema and version in {@code ce_dataschema}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class EventSchemaTest {

    @Inject
    StatementService statements;

    @Test
    void publishedAndRevisedStatementsMatchTheirSchemas() {
        // a feed that answers nothing: the items below come as if from it
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "schema-check", "name", "Schema check", "url", "http://127.0.0.1:9/feed.xml"))
                .post("/api/sources")
                .then()
                .statusCode(201);
        String identity = "urn:test:" + UUID.randomUUID();
        PageState page = new PageState("https://www.mfa.am/en/press-releases/" + UUID.randomUUID(), null, null);
        NewStatement first = new NewStatement(
                "schema-check",
                page.link(),
                "On the prisoners of war",
                "Armenia calls for the release of all prisoners of war held in Baku.",
                "en",
                Instant.parse("2026-11-30T10:00:00Z"),
                TextFrom.PAGE);
        assertThat(statements.acceptItem("schema-check", identity, page, first, false))
                .isTrue();
        assertThat(statements.revise(
                        "schema-check",
                        identity,
                        page,
                        null,
                        first.body() + " Their families have waited long enough."))
                .isTrue();
        String key = given().queryParam("sourceId", "schema-check")
                .get("/api/statements")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> StatementsTopic.recordsWithKey(key), list -> list.size() == 2);

        ConsumerRecord<String, byte[]> published = records.get(0);
        ConsumerRecord<String, byte[]> revised = records.get(1);
        assertThat(header(published, "ce_type")).isEqualTo("org.advocacyalerts.statement.published");
        assertThat(header(published, "ce_dataschema")).isEqualTo("urn:advocacy-alerts:schema:statement.published:1");
        assertThat(EventSchemas.problems("statement.published", published.value()))
                .isEmpty();
        assertThat(header(revised, "ce_type")).isEqualTo("org.advocacyalerts.statement.revised");
        assertThat(header(revised, "ce_dataschema")).isEqualTo("urn:advocacy-alerts:schema:statement.revised:1");
        assertThat(EventSchemas.problems("statement.revised", revised.value())).isEmpty();
        assertThat(EventSchemas.problems("statement.revised", published.value()))
                .as("the schemas tell the two apart")
                .isNotEmpty();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
