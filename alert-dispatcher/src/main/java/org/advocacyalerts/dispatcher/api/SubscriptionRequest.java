package org.advocacyalerts.dispatcher.api;

import java.util.List;

/**
 * The body of {@code POST /api/subscriptions}: topics and/or an own query, optionally narrowed to
 * some sources and languages.
 */
public record SubscriptionRequest(
        String channel,
        String target,
        List<String> topics,
        String query,
        List<String> sourceIds,
        List<String> languages) {}
