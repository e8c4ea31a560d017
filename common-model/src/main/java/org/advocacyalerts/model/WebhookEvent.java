package org.advocacyalerts.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON body of a webhook request, following the Standard Webhooks payload shape
 * {@code {type, timestamp, data}}. The {@code webhook-id} header carries the alert id.
 */
public record WebhookEvent(String type, Instant timestamp, Data data) {

    /**
     * What the subscriber needs to act: the statement, the topics it matched, which subscription, and
     * for each topic the evidence (the sentence that matters, with the matched words' offsets).
     */
    public record Data(Statement statement, List<String> topics, UUID subscriptionId, List<TopicMatch> matches) {}

    public static WebhookEvent alertCreated(Alert alert, Instant now) {
        return new WebhookEvent(
                EventTypes.ALERT_CREATED,
                now,
                new Data(alert.statement(), alert.topics(), alert.subscriptionId(), alert.matches()));
    }
}
