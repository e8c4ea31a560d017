package org.advocacyalerts.dispatcher.match;

import java.util.List;

/**
 * A topic people follow: a query in the topic query language (see docs/api.md) and groups of aliases
 * that the query's terms expand to. {@code summary} is what a subscriber reads first (a sentence or two,
 * optional: null when not written); {@code description} says in full what counts and what does not.
 */
public record Topic(
        String id, String name, String summary, String description, String query, List<List<String>> aliases) {

    public Topic {
        summary = summary == null || summary.isBlank() ? null : summary.strip();
        aliases =
                aliases == null ? List.of() : aliases.stream().map(List::copyOf).toList();
    }

    /** The summary, or the description when the topic has none. */
    public String shortText() {
        return summary != null ? summary : description;
    }
}
