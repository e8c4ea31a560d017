package org.advocacyalerts.ingest.store;

import java.time.Instant;

/** A validated, normalised statement not stored yet, and where its text came from. */
public record NewStatement(
        String sourceId,
        String url,
        String title,
        String body,
        String language,
        Instant publishedAt,
        TextFrom textFrom) {}
