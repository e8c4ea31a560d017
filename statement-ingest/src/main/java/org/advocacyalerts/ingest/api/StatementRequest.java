package org.advocacyalerts.ingest.api;

/**
 * The body of {@code POST /api/statements}. Every field is a string so that a wrong value is reported
 * by name ({@link StatementValidator}) rather than as a parse failure of the whole body.
 */
public record StatementRequest(
        String sourceId, String url, String title, String body, String publishedAt, String language) {}
