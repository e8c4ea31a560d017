package org.advocacyalerts.matcher;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Document frequencies of the matcher's terms in a corpus, for {@link TopicMonitor#TopicMonitor(Map)}. */
public final class TermStatistics {

    private TermStatistics() {}

    /** In how many of {@code texts} each term occurs, exact and stemmed (English) forms alike. */
    public static Map<String, Integer> documentFrequencies(Iterable<String> texts) {
        Map<String, Integer> frequencies = new HashMap<>();
        for (String text : texts) {
            Set<String> seen = new HashSet<>(Analysis.allTerms(text));
            seen.forEach(term -> frequencies.merge(term, 1, Integer::sum));
        }
        return frequencies;
    }
}
