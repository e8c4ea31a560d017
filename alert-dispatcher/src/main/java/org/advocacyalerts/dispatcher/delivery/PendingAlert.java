package org.advocacyalerts.dispatcher.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert claimed for delivery, with what its channel needs to send it ({@code previousSecret}: the
 * secret before a rotation, still signing beside the new one for 24 h; null otherwise). {@code attempts} were made
 * before this one; {@code lease} is the claim, which recording the attempt checks is still this one.
 */
public record PendingAlert(
        UUID id,
        UUID subscriptionId,
        String channel,
        String target,
        String secret,
        String previousSecret,
        byte[] payload,
        int attempts,
        Instant lease,
        Instant subscriptionSince) {}
