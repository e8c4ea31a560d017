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
    record Terms(List<String> exact, List<String> stemmed, int[] exactHashes, int[] stemmedHashes) {
        static Terms of(String matched) {
            // One analysis for both: an English statement's text gives each word exact, then stemmed.
            List<String> exact = new ArrayList<>(2);
            List<String> stemmed = new ArrayList<>(2);
            for (String term : Analysis.allTerms(matched)) {
                (term.charAt(0) == Analysis.ENGLISH_STEM ? stemmed : exact).add(term);
            }
            return new Terms(exact, stemmed, hashes(exact), hashes(stemmed));
        }

        /** Whether a clause whose first terms hash to these may be in the text (false: it is not). */
        boolean mayHold(int exactFirst, int stemmedFirst) {
            return contains(exactHashes, exactFirst) || contains(stemmedHashes, stemmedFirst);
        }

        private static boolean contains(int[] hashes, int hash) {
            for (int h : hashes) {
                if (h == hash) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int[] hashes(List<String> terms) {
        int[] hashes = new int[terms.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = terms.get(i).hashCode();
        }
        return hashes;
    }

    /**
     * A query's clauses with, in one array, the hash codes of each clause's first exact and first
     * stemmed term: labelling a match reads that array and only the clauses whose first term the matched
     * text holds. Reading every clause (its list, its record, its lists of terms, their strings: memory
     * no other statement touched lately, one query in 100,000) took a tenth of matching time.
     */
    static final class Clauses {
        final List<CompiledQuery.Clause> list;
        /** Per clause: the first exact term's hash (high half) and the first stemmed term's (low half). */
        private final long[] firstTerms;
        /**
         * Bit i: clause i must always be read (a wildcard, or a clause without exact or stemmed terms);
         * clauses past the 64th always are. A bit mask, not an array: one place in memory less to wait for.
         */
        private final long alwaysRead;

        Clauses(List<CompiledQuery.Clause> list) {
            this.list = List.copyOf(list);
            this.firstTerms = new long[list.size()];
            long always = 0;
            for (int i = 0; i < list.size(); i++) {
                CompiledQuery.Clause clause = list.get(i);
                if (clause.prefix()
                        || clause.exactTerms().isEmpty()
                        || clause.stemmedTerms().isEmpty()) {
                    always |= i < 64 ? 1L << i : 0;
                } else {
                    firstTerms[i] = ((long) clause.exactTerms().get(0).hashCode() << 32)
                            | (clause.stemmedTerms().get(0).hashCode() & 0xFFFFFFFFL);
                }
            }
            this.alwaysRead = always;
        }

        private boolean mayHit(int i, Terms terms) {
            return i >= 64
                    || (alwaysRead & (1L << i)) != 0
                    || terms.mayHold((int) (firstTerms[i] >>> 32), (int) firstTerms[i]);
        }
    }

    /** Plain loops: this runs for every piece of evidence, and with streams it took a tenth of matching time. */
    static String labelFor(Clauses clauses, Terms terms) {
        List<CompiledQuery.Clause> chosen = null;
        for (int i = 0; i < clauses.firstTerms.length; i++) {
            if (!clauses.mayHit(i, terms)) {
                continue;
            }
            CompiledQuery.Clause clause = clauses.list.get(i);
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
