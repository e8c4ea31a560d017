package org.advocacyalerts.dispatcher.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.match.TopicValidator;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.matcher.QuerySyntaxException;
import org.advocacyalerts.support.AddressPolicy;

/** Checks a subscription request field by field and reports every bad field at once. */
@ApplicationScoped
public class SubscriptionValidator {

    static final String WEBHOOK = "webhook";
    private static final int MAX_URL = 2048;
    /** More topics, sources or languages than this is a mistake in a client, not a subscriber's interest. */
    private static final int MAX_LIST = 50;

    private final TopicStore topics;
    private final TopicRegistry registry;
    private final AddressPolicy addresses;

    SubscriptionValidator(TopicStore topics, TopicRegistry registry, DispatcherConfig config) {
        this.topics = topics;
        this.registry = registry;
        this.addresses = AddressPolicy.parse(config.webhook().allowAddresses());
    }

    /** The request with its target normalised and its lists deduplicated, or a 400 naming each bad field. */
    public SubscriptionRequest validate(SubscriptionRequest request) {
        if (request == null) {
            throw ProblemException.invalid(
                    "body", "a JSON object with channel, target and topics or query is required");
        }
        FieldErrors errors = new FieldErrors();
        if (errors.required("channel", request.channel()) && !WEBHOOK.equals(request.channel())) {
            errors.add("channel", "must be \"webhook\" (email arrives with the delivery work)");
        }
        String target = webhookUrl(request.target(), errors);
        List<String> topicIds = ids("topics", request.topics(), TopicValidator.TOPIC_ID, errors);
        if (topicIds.isEmpty() && request.query() == null) {
            errors.add("topics", "must list at least one topic id (see GET /api/topics), unless a query is given");
        } else if (!topicIds.isEmpty()) {
            Set<String> unknown = topics.unknown(topicIds);
            if (!unknown.isEmpty()) {
                errors.add("topics", "unknown topic(s) " + unknown + " (see GET /api/topics)");
            }
        }
        if (request.query() != null) {
            try {
                registry.compile(request.query(), List.of());
            } catch (QuerySyntaxException e) {
                errors.add("query", e.describe());
            }
        }
        List<String> sources = ids("sourceIds", request.sourceIds(), Ids.SOURCE_ID, errors);
        List<String> languages = ids("languages", request.languages(), Ids.LANGUAGE_TAG, errors).stream()
                .map(l -> l.toLowerCase(Locale.ROOT))
                .toList();
        errors.throwIfAny();
        return new SubscriptionRequest(request.channel(), target, topicIds, request.query(), sources, languages);
    }

    /** A list of ids: at most {@link #MAX_LIST}, each matching {@code pattern}, duplicates dropped. */
    private static List<String> ids(String field, List<String> values, Pattern pattern, FieldErrors errors) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_LIST) {
            errors.add(field, "must list at most " + MAX_LIST + " entries");
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || !pattern.matcher(value).matches()) {
                errors.add(field, "'" + value + "' is not a valid id");
                return List.of();
            }
            unique.add(value);
        }
        return List.copyOf(unique);
    }

    /**
     * An http(s) URL whose host does not resolve to an address webhooks may not go to (loopback, private
     * networks, cloud metadata...). A host that does not resolve yet is accepted: its sends fail and are
     * retried like any unreachable receiver's, and every connection is checked again when it is made.
     */
    private String webhookUrl(String value, FieldErrors errors) {
        URI uri = errors.httpUrl("target", value, MAX_URL);
        if (uri != null && uri.getFragment() != null) {
            errors.add("target", "must not contain a #fragment");
            return null;
        }
        if (uri == null) {
            return null;
        }
        try {
            addresses.resolve(uri.getHost());
        } catch (AddressPolicy.BlockedAddressException e) {
            errors.add(
                    "target",
                    "not a public address: " + e.getMessage()
                            + " (allowed only where DISPATCHER_WEBHOOK_ALLOW_ADDRESSES says so)");
            return null;
        } catch (UnknownHostException e) {
            // not resolvable now: see above
        }
        return uri.toString();
    }
}
