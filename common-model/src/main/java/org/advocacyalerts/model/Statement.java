package org.advocacyalerts.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An official statement as stored by statement-ingest and published on Kafka {@link KafkaTopics#STATEMENTS}.
 *
 * <p>{@code contentSha256} is the hex SHA-256 of the normalised title and body: it is the provenance of
 * the text an alert quotes, and with {@code url} the identity used for dedupe.
 *
 * <p>{@code fullBodyLength} is null when {@code body} is the whole text; on Kafka a very long body is cut
 * to {@link EventSize#MAX_BODY_BYTES} and this says how many characters the whole one has.
 *
 * <p>{@code retrievedAt} is when statement-ingest accepted this text (the statement, or in a
 * {@link StatementRevised} the revision): a subscription is alerted only about statements accepted at or
 * after the moment it became active, however late a consumer reads them.
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
        String contentSha256,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer fullBodyLength) {

    /** A statement carrying its whole body. */
    public Statement(
            UUID id,
            String sourceId,
            String url,
            String title,
            String body,
            String language,
            Instant publishedAt,
            Instant retrievedAt,
            String contentSha256) {
        this(id, sourceId, url, title, body, language, publishedAt, retrievedAt, contentSha256, null);
    }

    /** The same statement with another body: the start of its text, whose whole length is {@code fullBodyLength}. */
    public Statement withBody(String body, Integer fullBodyLength) {
        return new Statement(
                id, sourceId, url, title, body, language, publishedAt, retrievedAt, contentSha256, fullBodyLength);
    }

    /** Whether {@code body} is the start of a longer text (see {@link EventSize}); the source has all of it. */
    @JsonIgnore
    public boolean bodyCut() {
        return fullBodyLength != null;
    }
}
