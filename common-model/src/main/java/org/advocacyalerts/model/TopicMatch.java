package org.advocacyalerts.model;

import java.util.List;

/** A topic a statement matched, with the evidence in reading order (title first). */
public record TopicMatch(String topic, List<Evidence> evidence) {

    public TopicMatch {
        evidence = List.copyOf(evidence);
    }
}
