package org.advocacyalerts.ingest.store;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a statement's text came from. A feed item is never dropped for want of text: a page whose main
 * text is short (a two-sentence press statement) is taken as it is, unless the feed gives a text of its
 * own; an item with neither keeps its title alone.
 */
public enum TextFrom {
    /** Posted to {@code POST /api/statements}. */
    API("api"),
    /** The main text of the item's page. */
    PAGE("page"),
    /** The page's main text, shorter than a full article (a short statement, or a teaser). */
    PAGE_SHORT("page-short"),
    /** The feed's own text of the item (the page failed, or had less to say). */
    FEED("feed"),
    /** Neither page nor feed had text: the statement is its title. */
    TITLE("title");

    private final String value;

    TextFrom(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static TextFrom of(String value) {
        for (TextFrom t : values()) {
            if (t.value.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown text origin " + value);
    }
}
