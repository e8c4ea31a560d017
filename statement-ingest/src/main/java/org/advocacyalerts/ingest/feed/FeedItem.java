package org.advocacyalerts.ingest.feed;

import java.time.Instant;

/**
 * One item of a feed, as plain text: {@code guid} and {@code link} may be null (not every feed has
 * both; an item with neither is dropped by the parser), {@code title} is never null (empty when the
 * feed gave none), {@code text} is the feed's own content or summary (HTML removed; empty when none),
 * {@code published} is null when the feed gave no date.
 */
public record FeedItem(String guid, String link, String title, String text, Instant published) {

    /** The feed's id for the item, else its link: what identifies it across polls. */
    public String identity() {
        return guid != null ? guid : link;
    }
}
