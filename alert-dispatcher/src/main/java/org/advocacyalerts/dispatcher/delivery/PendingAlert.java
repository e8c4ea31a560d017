package org.advocacyalerts.dispatcher.delivery;

import java.util.UUID;

/** An alert waiting for delivery, with what its channel needs to send it. */
public record PendingAlert(
        UUID id, UUID subscriptionId, String channel, String target, String secret, byte[] payload, int attempts) {}
