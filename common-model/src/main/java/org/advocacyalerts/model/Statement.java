package org.advocacyalerts.model;

import java.time.Instant;
import java.util.UUID;

/**
 * An official statement as stored by statement-ingest and published on Kafka {@link KafkaTopics#STATEMENTS}.
 *
 * <p>{@code contentSha256} is the hex SHA-256 of the normalised title and body: it is the provenance of
 * the text an alert quotes, and with {@code url} the identity used for dedupe.
 */
public record Statement(
        UUID id,
        String sourceId,
        String url,
        String title,
        String body,
        String language,
        Instant publishedAt,
        Instant retrievedAt,
        String contentSha256) {}
