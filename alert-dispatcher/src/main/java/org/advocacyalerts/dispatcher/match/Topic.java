package org.advocacyalerts.dispatcher.match;

import java.util.List;

/**
 * A topic people follow: a statement matches when its title or body contains one of {@code terms}
 * (a word or a phrase), case-insensitively and on word boundaries.
 */
public record Topic(String id, String name, String description, List<String> terms) {

    public Topic {
        terms = List.copyOf(terms);
    }
}
