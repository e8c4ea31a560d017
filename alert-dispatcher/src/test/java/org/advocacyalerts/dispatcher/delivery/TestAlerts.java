package org.advocacyalerts.dispatcher.delivery;

import java.time.Instant;
import java.util.UUID;

/** Claimed alerts for unit tests of the delivery pieces: a webhook of a subscription active since {@code since}. */
final class TestAlerts {

    private TestAlerts() {}

    static PendingAlert pending(String target, Instant since) {
        return new PendingAlert(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "webhook",
                target,
                "s",
                null,
                new byte[0],
                null,
                0,
                Instant.now(),
                since,
                null);
    }
}
