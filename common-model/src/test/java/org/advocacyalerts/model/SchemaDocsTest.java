package org.advocacyalerts.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.advocacyalerts.local.EventSchemas;
import org.junit.jupiter.api.Test;

/**
 * The published contracts hold together: every JSON Schema is a valid draft 2020-12 schema, the
 * AsyncAPI document is a valid AsyncAPI 3.0 document whose payloads are those schemas, and the event
 * records serialise to what the schemas say. (What the running services send is checked against the
 * same schemas by statement-ingest's EventSchemaTest and alert-dispatcher's WebhookSchemaTest.)
 */
class SchemaDocsTest {

    private static final Path SCHEMAS = Path.of("src/main/resources/schemas");
    private static final Path ASYNCAPI = Path.of("../docs/asyncapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everySchemaIsAValidDraft202012Schema() throws IOException {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<Path> files = schemaFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : files) {
            assertThat(messages(metaSchema.validate(Json.mapper().readTree(file.toFile()))))
                    .as(file.toString())
                    .isEmpty();
        }
    }

    @Test
    void theAsyncApiDocumentIsValidAndItsPayloadsAreThePublishedSchemas() throws IOException {
        JsonNode document = YAML.readTree(ASYNCAPI.toFile());
        Schema asyncApi;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            asyncApi = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(Json.mapper().readTree(in));
        }
        assertThat(messages(asyncApi.validate(document))).isEmpty();

        List<String> payloads = new ArrayList<>();
        document.at("/components/messages").forEach(message -> {
            String ref = message.at("/payload/$ref").asText();
            if (!ref.isEmpty()) {
                payloads.add(ref);
                assertThat(ASYNCAPI.resolveSibling(ref)).as(ref).exists();
            }
        });
        assertThat(payloads)
                .containsExactlyInAnyOrder(
                        "../common-model/src/main/resources/schemas/statement.published.json",
                        "../common-model/src/main/resources/schemas/statement.revised.json");
    }

    @Test
    void eventRecordsSerialiseToWhatTheSchemasSay() throws IOException {
        Statement statement = new Statement(
                UUID.randomUUID(),
                "mfa-armenia",
                "https://www.mfa.am/en/press-releases/2021/05/28/pows",
                "On the prisoners of war",
                "Armenia calls for the release of all prisoners of war held in Baku.",
                "en",
                Instant.parse("2021-05-28T10:00:00Z"),
                Instant.parse("2021-05-28T10:05:00Z"),
                "ab".repeat(32));
        assertThat(EventSchemas.problems("statement.published", CloudEventCodec.toJson(statement)))
                .isEmpty();
        assertThat(EventSchemas.problems(
                        "statement.published", CloudEventCodec.toJson(statement.withBody("Armenia", 70))))
                .isEmpty();
        assertThat(EventSchemas.problems(
                        "statement.revised",
                        CloudEventCodec.toJson(new StatementRevised(statement, 1, "cd".repeat(32), "--- a\n+++ b\n"))))
                .isEmpty();
        assertThat(EventSchemas.problems("statement.published", "{\"id\":\"not a uuid\"}".getBytes()))
                .as("a broken statement is refused")
                .isNotEmpty();
    }

    private static List<Path> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
