package org.advocacyalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks payloads against the published JSON Schemas ({@code schemas/*.json} in common-model, on the
 * caller's class path), with formats (uuid, date-time, uri) asserted: tests hand it what the running
 * services really sent.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** What is wrong with {@code json} by the schema {@code name} (e.g. {@code alert.created}); empty if valid. */
    public static List<String> problems(String name, byte[] json) {
        Schema schema = SCHEMAS.computeIfAbsent(
                name, n -> REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + n + ".json")));
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return schema
                .validate(node, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(Error::toString)
                .toList();
    }
}
