package org.advocacyalerts.dispatcher.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it. {@code secret} is set only in the answer that created it: the
 * signing secret is shown once, like a password.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        UUID id, String channel, String target, List<String> topics, String status, Instant createdAt, String secret) {

    public Subscription {
        topics = List.copyOf(topics);
    }

    public Subscription withoutSecret() {
        return new Subscription(id, channel, target, topics, status, createdAt, null);
    }
}
