package org.advocacyalerts.ingest.api;

/** The body of {@code POST /api/sources} and {@code PUT /api/sources/{id}}, unchecked. */
public record SourceRequest(
        String id,
        String name,
        String url,
        String type,
        Integer pollIntervalSeconds,
        String language,
        String articleSelector) {}
