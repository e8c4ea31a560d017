package org.advocacyalerts.ingest.store;

import java.time.Instant;

/** A validated, normalised statement not stored yet. */
public record NewStatement(
        String sourceId, String url, String title, String body, String language, Instant publishedAt) {}
