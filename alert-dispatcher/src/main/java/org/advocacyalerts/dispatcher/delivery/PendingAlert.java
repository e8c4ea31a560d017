package org.advocacyalerts.dispatcher.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert claimed for delivery, with what its channel needs to send it ({@code previousSecret}: the
 * secret before a rotation, still signing beside the new one for 24 h; null otherwise). {@code attempts} were made
 * before this one; {@code lease} is the claim, which recording the attempt checks is still this one.
 * {@code bodyId} names the body shared with the statement's other alerts (null for a body of its own):
 * what is made from the body alone, such as an email's text, can be made once for all of them.
 * {@code traceparent} names the span that planned the statement: its attempts are spans of that trace
 * (null: a new trace, e.g. a digest's or one planned with tracing off).
 */
public record PendingAlert(
        UUID id,
        UUID subscriptionId,
        String channel,
        String target,
        String secret,
        String previousSecret,
        byte[] payload,
        UUID bodyId,
        int attempts,
        Instant lease,
        Instant subscriptionSince,
        String traceparent) {

    /** What it shares a concurrency limit and a circuit breaker with: see {@link Endpoints}. */
    public String endpoint() {
        return Endpoints.of(channel, target);
    }
}
