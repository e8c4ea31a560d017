package org.advocacyalerts.dispatcher.delivery;

import io.opentelemetry.api.trace.Span;

/** Sends alerts over one channel. One implementation per channel; {@link DeliveryWorker} routes by {@link #channel()}. */
public interface AlertSender {

    /** The subscription channel this sender serves, e.g. {@code "webhook"}. */
    String channel();

    /**
     * One attempt; never throws for a receiver's failure, which is a result like any other. It runs in
     * the attempt's span: a sender whose protocol carries a trace context passes {@link
     * org.advocacyalerts.model.TraceContext#current()} on.
     */
    DeliveryResult send(PendingAlert alert);

    /** The name of an attempt's span, as OpenTelemetry's conventions name one of the protocol. */
    default String spanName() {
        return channel() + " send";
    }

    /** Adds to a recorded attempt's span what the conventions say of the protocol (never a secret). */
    default void describe(Span span, PendingAlert alert) {}
}
