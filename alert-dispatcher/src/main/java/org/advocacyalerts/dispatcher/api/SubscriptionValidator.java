package org.advocacyalerts.dispatcher.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.ZoneId;
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
    public static final String EMAIL = "email";
    static final Set<String> MODES = Set.of("instant", "daily", "weekly");

    /**
     * An address as people type them: dot-atom local part, a domain of letters, digits and hyphens with
     * a dot. Stricter than RFC 5322 on purpose (no quoted parts, comments or IP literals): nothing that
     * could carry a line break or a second address into a header.
     */
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

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
        boolean email = EMAIL.equals(request.channel());
        if (errors.required("channel", request.channel()) && !WEBHOOK.equals(request.channel()) && !email) {
            errors.add("channel", "must be \"webhook\" or \"email\"");
        }
        String target = email ? emailAddress("target", request.target(), errors) : webhookUrl(request.target(), errors);
        String contact = null;
        if (request.contact() != null) {
            if (email) {
                errors.add("contact", "is for webhook subscriptions (an email subscription's own address is told)");
            } else {
                contact = emailAddress("contact", request.contact(), errors);
            }
        }
        String mode = request.mode() == null ? "instant" : request.mode();
        if (!MODES.contains(mode)) {
            errors.add("mode", "must be \"instant\", \"daily\" or \"weekly\"");
        } else if (!email && !"instant".equals(mode)) {
            errors.add("mode", "digests are for email subscriptions; webhooks are \"instant\"");
        }
        if (request.timeZone() != null) {
            try {
                ZoneId.of(request.timeZone());
            } catch (DateTimeException e) {
                errors.add("timeZone", "must be an IANA time zone such as Europe/Paris or America/New_York");
            }
        }
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
                registry.compileSubscription(request.query());
            } catch (QuerySyntaxException e) {
                errors.add("query", e.describe());
            }
        }
        List<String> sources = ids("sourceIds", request.sourceIds(), Ids.SOURCE_ID, errors);
        List<String> languages = ids("languages", request.languages(), Ids.LANGUAGE_TAG, errors).stream()
                .map(l -> l.toLowerCase(Locale.ROOT))
                .toList();
        errors.throwIfAny();
        return new SubscriptionRequest(
                request.channel(),
                target,
                topicIds,
                request.query(),
                sources,
                languages,
                mode,
                request.timeZone() == null ? "UTC" : request.timeZone(),
                contact);
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

    /** An email address, lower-cased domain; at most 254 characters (RFC 5321). */
    private static String emailAddress(String field, String value, FieldErrors errors) {
        if (!errors.required(field, value)) {
            return null;
        }
        String address = value.strip();
        if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
            errors.add(field, "must be one email address such as name@example.org");
            return null;
        }
        int at = address.lastIndexOf('@');
        return address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
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
