package org.advocacyalerts.dispatcher.delivery;

/** The outcome of one delivery attempt, kept with the alert whether it succeeded or not. */
public record DeliveryResult(
        boolean delivered, Integer statusCode, long latencyMillis, String error, String responseExcerpt) {}
