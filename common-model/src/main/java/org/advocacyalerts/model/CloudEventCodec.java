package org.advocacyalerts.model;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 on Kafka in <b>binary mode</b>: attributes travel as {@code ce_*} headers, the record
 * value is the bare JSON event data and {@code content-type} says so. Binary mode keeps the value a plain
 * JSON document that any consumer can read, and lets brokers and tools filter on headers without parsing.
 */
public final class CloudEventCodec {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    private CloudEventCodec() {}

    /**
     * The CloudEvents extension attribute (header {@code ce_backfill: true}) of statements imported as
     * history: consumers store them, nobody is alerted.
     */
    public static final String BACKFILL_HEADER = "ce_backfill";

    public static void markBackfill(ProducerRecord<String, byte[]> record) {
        add(record.headers(), BACKFILL_HEADER, "true");
    }

    public static boolean isBackfill(ConsumerRecord<?, byte[]> record) {
        Header h = record.headers().lastHeader(BACKFILL_HEADER);
        return h != null && "true".equals(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** A record for {@code topic} keyed by {@code key}, with {@code data} as the JSON value. */
    public static ProducerRecord<String, byte[]> encode(
            String topic, String key, UUID eventId, String type, URI source, Instant time, Object data) {
        return encode(topic, key, eventId, type, source, time, toJson(data));
    }

    /** As above, with data already serialised to JSON (e.g. read back from an outbox row). */
    public static ProducerRecord<String, byte[]> encode(
            String topic, String key, UUID eventId, String type, URI source, Instant time, byte[] jsonData) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, jsonData);
        Headers headers = record.headers();
        add(headers, "ce_specversion", SPEC_VERSION);
        add(headers, "ce_id", eventId.toString());
        add(headers, "ce_source", source.toString());
        add(headers, "ce_type", type);
        add(headers, "ce_time", time.toString());
        add(headers, "ce_subject", key);
        add(headers, "ce_dataschema", EventTypes.dataSchema(type));
        add(headers, "content-type", CONTENT_TYPE);
        return record;
    }

    /** The statement-published event for one statement, keyed by its id. */
    public static ProducerRecord<String, byte[]> statementPublished(Statement statement, URI source) {
        return encode(
                KafkaTopics.STATEMENTS,
                statement.id().toString(),
                statement.id(),
                EventTypes.STATEMENT_PUBLISHED,
                source,
                statement.retrievedAt(),
                statement);
    }

    /**
     * Reads a binary-mode CloudEvent of the expected type.
     *
     * @throws PoisonEventException when the record is not such an event or its data does not parse: the
     *     caller skips it rather than blocking the partition
     */
    public static <T> T decode(ConsumerRecord<?, byte[]> record, String expectedType, Class<T> dataType) {
        Headers headers = record.headers();
        String specVersion = header(headers, "ce_specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new PoisonEventException(
                    "not a CloudEvents 1.0 binary-mode record (ce_specversion=" + specVersion + ")");
        }
        String type = header(headers, "ce_type");
        if (!expectedType.equals(type)) {
            throw new PoisonEventException("unexpected event type " + type + ", expected " + expectedType);
        }
        if (header(headers, "ce_id") == null || header(headers, "ce_source") == null) {
            throw new PoisonEventException("CloudEvent without ce_id or ce_source");
        }
        if (record.value() == null) {
            throw new PoisonEventException("CloudEvent without data");
        }
        try {
            return Json.mapper().readValue(record.value(), dataType);
        } catch (IOException | DateTimeParseException e) {
            throw new PoisonEventException(
                    "event data is not a valid " + dataType.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The JSON bytes of event data, as they go on the wire. */
    public static byte[] toJson(Object data) {
        try {
            return Json.mapper().writeValueAsBytes(data);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + data.getClass().getSimpleName(), e);
        }
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
