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

    /** Plain loops: this runs for every piece of evidence, and with streams it took a tenth of matching time. */
    static String labelFor(CompiledQuery query, Terms terms) {
        List<CompiledQuery.Clause> chosen = null;
        for (CompiledQuery.Clause clause : query.clauses()) {
            if (!hits(clause, terms) || (chosen != null && covered(clause, chosen))) {
                continue;
            }
            if (chosen == null) {
                chosen = new ArrayList<>(2);
            }
            chosen.add(clause);
        }
        if (chosen == null) {
            return null;
        }
        if (chosen.size() == 1) {
            return chosen.get(0).label();
        }
        StringBuilder label = new StringBuilder();
        for (CompiledQuery.Clause clause : chosen) {
            label.append(label.length() == 0 ? "" : " + ").append(clause.label());
        }
        return label.toString();
    }

    private static boolean hits(CompiledQuery.Clause clause, Terms terms) {
        if (clause.prefix()) {
            String prefix = clause.exactTerms().get(0);
            for (String term : terms.exact()) {
                if (term.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
        return subsequence(clause.exactTerms(), terms.exact()) || subsequence(clause.stemmedTerms(), terms.stemmed());
    }

    /** Already said by a clause chosen before: the same label, or a longer clause containing this one. */
    private static boolean covered(CompiledQuery.Clause clause, List<CompiledQuery.Clause> chosen) {
        for (CompiledQuery.Clause c : chosen) {
            if (c.label().equals(clause.label())
                    || subsequence(clause.exactTerms(), c.exactTerms())
                    || subsequence(clause.stemmedTerms(), c.stemmedTerms())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hash codes first: a clause's terms are seldom in the cache (one query of thousands), and a string's
     * cached hash is in the object, where comparing its characters reads a second place in memory.
     */
    private static boolean subsequence(List<String> needle, List<String> haystack) {
        int size = needle.size();
        if (size == 0 || size > haystack.size()) {
            return false;
        }
        int i = 0;
        String next = needle.get(0);
        int nextHash = next.hashCode();
        for (int h = 0; h < haystack.size(); h++) {
            String term = haystack.get(h);
            if (term.hashCode() == nextHash && term.equals(next)) {
                if (++i == size) {
                    return true;
                }
                next = needle.get(i);
                nextHash = next.hashCode();
            }
        }
        return false;
    }
}
