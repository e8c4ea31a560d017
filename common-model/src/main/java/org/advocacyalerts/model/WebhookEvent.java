package org.advocacyalerts.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON body of a webhook request, following the Standard Webhooks payload shape
 * {@code {type, timestamp, data}} with the payload's {@code version}. The {@code webhook-id} header
 * carries the alert id. A body too long for a webhook is cut: then {@code bodyTruncated} is true and
 * {@code fullText} links to all of it. The JSON Schemas in {@code docs/schemas/} describe it; within a
 * version, changes are additive only (docs/webhooks.md).
 */
public record WebhookEvent(String type, int version, Instant timestamp, Data data) {

    /** The payload version receivers see; raised only for a change that would break them. */
    public static final int VERSION = 1;

    public WebhookEvent(String type, Instant timestamp, Data data) {
        this(type, VERSION, timestamp, data);
    }

    /**
     * What the subscriber needs to act: the statement, the topics it matched, which subscription, and
     * for each topic the evidence (the sentence that matters, with the matched words' offsets).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(
            Statement statement,
            List<String> topics,
            UUID subscriptionId,
            List<TopicMatch> matches,
            Boolean bodyTruncated,
            String fullText,
            Integer revision) {

        public Data(Statement statement, List<String> topics, UUID subscriptionId, List<TopicMatch> matches) {
            this(statement, topics, subscriptionId, matches, null, null, null);
        }
    }

    /**
     * The webhook of an alert: {@code alert.created} for a statement's first text, {@code alert.revised}
     * (with the revision number) when {@code revision} is above 0.
     */
    public static WebhookEvent of(Alert alert, int revision, Instant now) {
        return new WebhookEvent(
                revision == 0 ? EventTypes.ALERT_CREATED : EventTypes.ALERT_REVISED,
                now,
                new Data(
                        alert.statement(),
                        alert.topics(),
                        alert.subscriptionId(),
                        alert.matches(),
                        null,
                        null,
                        revision == 0 ? null : revision));
    }
}
