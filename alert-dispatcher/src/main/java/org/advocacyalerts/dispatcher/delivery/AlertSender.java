package org.advocacyalerts.dispatcher.delivery;

/** Sends alerts over one channel. One implementation per channel; {@link DeliveryWorker} routes by {@link #channel()}. */
public interface AlertSender {

    /** The subscription channel this sender serves, e.g. {@code "webhook"}. */
    String channel();

    /** One attempt; never throws for a receiver's failure, which is a result like any other. */
    DeliveryResult send(PendingAlert alert);
}
