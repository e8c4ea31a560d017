package org.advocacyalerts.ingest.feed;

/** A document that is not a readable feed, with a message a source's owner can act on. */
public final class FeedFormatException extends Exception {

    public FeedFormatException(String message) {
        super(message);
    }

    public FeedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
