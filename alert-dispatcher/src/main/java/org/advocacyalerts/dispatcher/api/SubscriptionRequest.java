package org.advocacyalerts.dispatcher.api;

import java.util.List;

/**
 * The body of {@code POST /api/subscriptions}: topics and/or an own query, optionally narrowed to
 * some sources and languages; by webhook (target: an https URL) or email (target: an address, with
 * {@code mode} {@code instant}). A webhook subscription may name a {@code contact} address, told when
 * it is disabled.
 */
public record SubscriptionRequest(
        String channel,
        String target,
        List<String> topics,
        String query,
        List<String> sourceIds,
        List<String> languages,
        String mode,
        String timeZone,
        String contact) {}
