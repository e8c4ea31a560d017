package org.advocacyalerts.ingest.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A watched feed as the API shows it: its configuration and how polling goes.
 *
 * @param type {@code rss}, {@code atom}, {@code jsonfeed} or {@code auto} (sniffed)
 * @param articleSelector CSS selector of the statement's text on its page; null = found by heuristics
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Source(
        String id,
        String name,
        String url,
        String type,
        int pollIntervalSeconds,
        String language,
        String articleSelector,
        Status status) {

    /**
     * @param lastError why the last poll failed, or which items it had to skip; null when all went well
     * @param consecutiveFailures polls failed in a row; backoff doubles with each, up to an hour
     * @param itemsSeen feed items turned into statements since the source was added
     * @param backfill progress of the last explicit backfill (items done of total), null if none ran
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Status(
            Instant lastPollAt,
            Instant lastSuccessAt,
            String lastError,
            int consecutiveFailures,
            Instant nextPollAt,
            long itemsSeen,
            Backfill backfill) {}

    /** An explicit backfill's progress: {@code done == total} when it has finished. */
    public record Backfill(int done, int total) {}
}
