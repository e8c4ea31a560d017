package org.advocacyalerts.matcher;

import java.util.List;

/** Which clause of a query produced a matched span: the one whose terms the span contains, in order. */
final class ClauseAttribution {

    private ClauseAttribution() {}

    static String labelFor(CompiledQuery query, String matched) {
        List<String> exact = Analysis.terms(Analysis.BODY + Analysis.EXACT, matched);
        List<String> stemmed = Analysis.terms(Analysis.BODY + Analysis.ENGLISH, matched);
        String fallback = null;
        for (CompiledQuery.Clause clause : query.clauses()) {
            if (clause.prefix()) {
                if (exact.stream()
                        .anyMatch(t -> t.startsWith(clause.exactTerms().get(0)))) {
                    fallback = fallback == null ? clause.label() : fallback;
                }
            } else if (subsequence(clause.exactTerms(), exact) || subsequence(clause.stemmedTerms(), stemmed)) {
                return clause.label();
            }
        }
        return fallback;
    }

    private static boolean subsequence(List<String> needle, List<String> haystack) {
        if (needle.isEmpty()) {
            return false;
        }
        int i = 0;
        for (String term : haystack) {
            if (i < needle.size() && term.equals(needle.get(i))) {
                i++;
            }
        }
        return i == needle.size();
    }
}
