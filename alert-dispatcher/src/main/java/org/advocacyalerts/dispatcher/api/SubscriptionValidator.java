package org.advocacyalerts.dispatcher.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.dispatcher.store.TopicStore;

/** Checks a subscription request field by field and reports every bad field at once. */
@ApplicationScoped
public class SubscriptionValidator {

    static final String WEBHOOK = "webhook";
    private static final int MAX_URL = 2048;
    /** More topics than this is a mistake in a client, not a subscriber's interest. */
    private static final int MAX_TOPICS = 50;

    private final TopicStore topics;

    SubscriptionValidator(TopicStore topics) {
        this.topics = topics;
    }

    /** The request with its target normalised and its topics deduplicated, or a 400 naming each bad field. */
    public SubscriptionRequest validate(SubscriptionRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with channel, target and topics is required");
        }
        FieldErrors errors = new FieldErrors();
        if (errors.required("channel", request.channel()) && !WEBHOOK.equals(request.channel())) {
            errors.add("channel", "must be \"webhook\" (email arrives with the delivery work)");
        }
        String target = webhookUrl(request.target(), errors);
        Set<String> topicIds = new LinkedHashSet<>();
        if (request.topics() == null || request.topics().isEmpty()) {
            errors.add("topics", "must list at least one topic id (see GET /api/topics)");
        } else if (request.topics().size() > MAX_TOPICS) {
            errors.add("topics", "must list at most " + MAX_TOPICS + " topics");
        } else if (request.topics().stream().anyMatch(t -> t == null || t.isBlank())) {
            errors.add("topics", "must not contain empty topic ids");
        } else {
            topicIds.addAll(request.topics());
            Set<String> unknown = topics.unknown(topicIds);
            if (!unknown.isEmpty()) {
                errors.add("topics", "unknown topic(s) " + unknown + " (see GET /api/topics)");
            }
        }
        errors.throwIfAny();
        return new SubscriptionRequest(request.channel(), target, List.copyOf(topicIds));
    }

    private static String webhookUrl(String value, FieldErrors errors) {
        URI uri = errors.httpUrl("target", value, MAX_URL);
        if (uri != null && uri.getFragment() != null) {
            errors.add("target", "must not contain a #fragment");
            return null;
        }
        return uri == null ? null : uri.toString();
    }
}
