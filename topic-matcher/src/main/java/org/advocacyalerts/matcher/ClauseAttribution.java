package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Which clauses of a query produced a matched span: those whose terms the span contains, in order. A
 * NEAR span contains several ("captives (alias of POWs) + Azerbaijan"); a clause already covered by a
 * longer one chosen before it is not repeated.
 */
final class ClauseAttribution {

    private ClauseAttribution() {}

    /** The matched text's exact and stemmed terms; one statement's matches share a few hundred texts. */
    record Terms(List<String> exact, List<String> stemmed) {
        static Terms of(String matched) {
            return new Terms(Analysis.exact(matched), Analysis.stemmed(matched, false));
        }
    }

    static String labelFor(CompiledQuery query, Terms terms) {
        List<String> exact = terms.exact();
        List<String> stemmed = terms.stemmed();
        List<CompiledQuery.Clause> chosen = new ArrayList<>();
        for (CompiledQuery.Clause clause : query.clauses()) {
            boolean hit = clause.prefix()
                    ? exact.stream()
                            .anyMatch(t -> t.startsWith(clause.exactTerms().get(0)))
                    : subsequence(clause.exactTerms(), exact) || subsequence(clause.stemmedTerms(), stemmed);
            boolean covered = chosen.stream()
                    .anyMatch(c -> subsequence(clause.exactTerms(), c.exactTerms())
                            || subsequence(clause.stemmedTerms(), c.stemmedTerms()));
            if (hit && !covered && chosen.stream().noneMatch(c -> c.label().equals(clause.label()))) {
                chosen.add(clause);
            }
        }
        return chosen.isEmpty()
                ? null
                : String.join(
                        " + ", chosen.stream().map(CompiledQuery.Clause::label).toList());
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
