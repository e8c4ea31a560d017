package org.advocacyalerts.dispatcher.delivery;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

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

    /** An attempt's span, named and described as OpenTelemetry's conventions say for the protocol. */
    default SpanBuilder span(Tracer tracer, PendingAlert alert) {
        return tracer.spanBuilder(channel() + " send");
    }
}
