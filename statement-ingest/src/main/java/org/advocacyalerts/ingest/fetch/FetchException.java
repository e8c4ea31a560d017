package org.advocacyalerts.ingest.fetch;

/** A fetch that failed, with a message a source's owner can act on (it is shown as the source's last error). */
public final class FetchException extends Exception {

    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
