package org.advocacyalerts.dispatcher.match;

import java.util.List;

/**
 * A topic people follow: a query in the topic query language (see docs/api.md) and groups of aliases
 * that the query's terms expand to.
 */
public record Topic(String id, String name, String description, String query, List<List<String>> aliases) {

    public Topic {
        aliases =
                aliases == null ? List.of() : aliases.stream().map(List::copyOf).toList();
    }
}
