package org.advocacyalerts.matcher;

import java.util.Locale;

/** What the matcher reads of a statement. {@code language} picks the stemming; null means English. */
public record StatementText(String title, String body, String language, String sourceId) {

    public StatementText {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
    }

    boolean isFrench() {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("fr");
    }
}
