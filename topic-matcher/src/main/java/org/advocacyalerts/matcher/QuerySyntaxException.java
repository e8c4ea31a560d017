package org.advocacyalerts.matcher;

/** A query that cannot be used: where (0-based character position) and why, in plain words. */
public class QuerySyntaxException extends RuntimeException {

    private final int position;

    public QuerySyntaxException(int position, String message) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }

    /** "at position 12: a phrase is not closed" — for a problem body. */
    public String describe() {
        return "at position " + position + ": " + getMessage();
    }
}
