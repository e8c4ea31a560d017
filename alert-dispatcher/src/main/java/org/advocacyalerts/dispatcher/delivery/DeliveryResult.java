package org.advocacyalerts.dispatcher.delivery;

import java.time.Duration;

/**
 * The outcome of one delivery attempt, kept with the alert whether it succeeded or not.
 *
 * @param retryAfter how long the receiver asked us to wait (429, 502, 503, 504 with Retry-After), or null
 * @param abort the receiver answered {@code webhook-delivery: abort-message}: never try this one again
 */
public record DeliveryResult(
        boolean delivered,
        Integer statusCode,
        long latencyMillis,
        String error,
        String responseExcerpt,
        Duration retryAfter,
        boolean abort) {

    public DeliveryResult(
            boolean delivered, Integer statusCode, long latencyMillis, String error, String responseExcerpt) {
        this(delivered, statusCode, latencyMillis, error, responseExcerpt, null, false);
    }

    /** 410 Gone: the receiver says the endpoint will never take webhooks again. */
    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
