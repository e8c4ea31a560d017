package org.advocacyalerts.dispatcher.api;

import java.util.List;

/** The body of {@code POST /api/subscriptions}. */
public record SubscriptionRequest(String channel, String target, List<String> topics) {}
