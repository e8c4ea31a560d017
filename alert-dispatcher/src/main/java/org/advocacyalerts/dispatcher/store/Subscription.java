package org.advocacyalerts.dispatcher.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it: topics and/or its own query, narrowed to {@code sourceIds} and
 * {@code languages} when those are not empty. {@code secret} is set only in the answer that created it:
 * the signing secret is shown once, like a password. {@code status} is {@code active} or {@code disabled}
 * (then {@code disabledReason} says why: the receiver answered 410 Gone, or failed for 5 days), and
 * {@code contact}, when given, is the address told when that happens. {@code tenant}: the integrator
 * that created it, which alone (with admins) may see it; null for one an admin created.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        UUID id,
        String channel,
        String target,
        List<String> topics,
        String query,
        List<String> sourceIds,
        List<String> languages,
        String status,
        Instant createdAt,
        String secret,
        String disabledReason,
        String mode,
        String timeZone,
        String contact,
        String tenant) {

    public Subscription {
        topics = List.copyOf(topics);
        sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    public Subscription withoutSecret() {
        return new Subscription(
                id,
                channel,
                target,
                topics,
                query,
                sourceIds,
                languages,
                status,
                createdAt,
                null,
                disabledReason,
                mode,
                timeZone,
                contact,
                tenant);
    }

    /**
     * Its subscriber may change it on the manage page: an email subscription, confirmed and not stopped
     * (active or paused).
     */
    public boolean manageable() {
        return "email".equals(channel) && ("active".equals(status) || "paused".equals(status));
    }

    /** Alerts are held for a daily or weekly digest (email only). */
    public boolean digest() {
        return mode != null && !"instant".equals(mode);
    }

    /** Matcher ids of subscriptions' own queries start with this; topic ids cannot contain ':'. */
    public static final String QUERY_ID_PREFIX = "subscription:";

    /** The id under which the subscription's own query is registered in the matcher. */
    public static String queryId(UUID id) {
        return QUERY_ID_PREFIX + id;
    }
}
