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

    /**
     * The matched text's exact and stemmed terms, and their numbers as text ({@link TermIds}, -1 for a
     * term no query holds); one statement's matches share a few hundred texts. A French statement was
     * indexed with French stems, not English ones: with {@code french}, {@code stemmed} holds French stems,
     * compared with the French stems of a clause's words, and {@code stemmedIds} is empty.
     */
    record Terms(List<String> exact, List<String> stemmed, int[] exactIds, int[] stemmedIds, boolean french) {
        /**
         * @param ids the numbers to look the terms up in
         * @param french whether the statement was stemmed as French
         */
        static Terms of(String matched, TermIds ids, boolean french) {
            // One analysis for both: the text gives each word exact, then stemmed (marked).
            List<String> exact = new ArrayList<>(2);
            List<String> stemmed = new ArrayList<>(2);
            char mark = french ? Analysis.FRENCH_STEM : Analysis.ENGLISH_STEM;
            for (String term : Analysis.allTerms(matched, french)) {
                (term.charAt(0) == mark ? stemmed : exact).add(term);
            }
            return new Terms(exact, stemmed, known(exact, ids), french ? NO_IDS : known(stemmed, ids), french);
        }
    }

    /** A French text's {@code stemmedIds}: one shared empty array, never written to. */
    private static final int[] NO_IDS = new int[0];

    private static int[] known(List<String> terms, TermIds ids) {
        int[] numbers = new int[terms.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = ids.textIdOf(terms.get(i));
        }
        return numbers;
    }

    /**
     * A query's clauses, with each clause's terms as text term numbers in one array and its labels in
     * another: labelling a match reads those two arrays, not each clause's record, lists and strings
     * (memory no other statement touched lately). A wildcard's clause, and in a query that is
     * not registered a clause with a term no registered query holds, are read by their strings.
     */
    static final class Clauses {
        final List<CompiledQuery.Clause> list;
        private final String[] labels;
        /**
         * First, per clause, where its block starts; a block is: whether it is read by its strings (1)
         * or not (0), the number of exact terms, the number of stemmed terms, then their numbers.
         */
        private final int[] blocks;
        /**
         * Per clause, the French stems of its exact terms, made the first time a French statement asks;
         * null until then (most queries never see one, and 100,000 of them would hold arrays of nulls).
         * Racing threads make equal arrays and immutable lists: any one may stay.
         */
        private List<String>[] frenchStems;

        /**
         * @param ids the numbers of the monitor the query is matched in
         * @param registered whether to number the clauses' terms (registered queries) or only look them up
         */
        Clauses(List<CompiledQuery.Clause> list, TermIds ids, boolean registered) {
            this.list = List.copyOf(list);
            this.labels = new String[list.size()];
            int size = list.size();
            for (CompiledQuery.Clause clause : list) {
                size += 3 + clause.exactTerms().size() + clause.stemmedTerms().size();
            }
            int[] data = new int[size];
            int at = list.size();
            for (int i = 0; i < list.size(); i++) {
                CompiledQuery.Clause clause = list.get(i);
                labels[i] = clause.label();
                data[i] = at;
                data[at + 1] = clause.exactTerms().size();
                data[at + 2] = clause.stemmedTerms().size();
                boolean byStrings = clause.prefix();
                int next = at + 3;
                for (List<String> terms : List.of(clause.exactTerms(), clause.stemmedTerms())) {
                    for (String term : terms) {
                        int id = registered ? ids.textId(term) : ids.textIdOf(term);
                        byStrings |= id < 0;
                        data[next++] = id;
                    }
                }
                data[at] = byStrings ? 1 : 0;
                at = next;
            }
            this.blocks = data;
        }

        int size() {
            return labels.length;
        }

        boolean hits(int i, Terms terms) {
            int at = blocks[i];
            boolean hit;
            if (blocks[at] == 1) {
                hit = ClauseAttribution.hits(list.get(i), terms);
            } else {
                int exact = blocks[at + 1];
                int stemmed = blocks[at + 2];
                int[] exactIds = terms.exactIds();
                int[] stemmedIds = terms.stemmedIds();
                hit = subsequence(blocks, at + 3, exact, exactIds, 0, exactIds.length)
                        || subsequence(blocks, at + 3 + exact, stemmed, stemmedIds, 0, stemmedIds.length);
            }
            return hit || terms.french() && subsequence(frenchStems(i), terms.stemmed());
        }

        private List<String> frenchStems(int i) {
            List<String>[] all = frenchStems;
            if (all == null) {
                @SuppressWarnings("unchecked")
                List<String>[] made = new List[list.size()];
                frenchStems = all = made;
            }
            List<String> stems = all[i];
            if (stems == null) {
                CompiledQuery.Clause clause = list.get(i);
                // A wildcard is matched by its exact prefix only, never by a stem.
                stems = clause.prefix()
                        ? List.of()
                        : List.copyOf(Analysis.stemmed(String.join(" ", clause.exactTerms()), true));
                all[i] = stems;
            }
            return stems;
        }

        /** Whether clause {@code i} says what clause {@code j} says: the same label, or contained in it. */
        boolean coveredBy(int i, int j) {
            if (labels[i].equals(labels[j])) {
                return true;
            }
            int a = blocks[i];
            int b = blocks[j];
            if (blocks[a] == 1 || blocks[b] == 1) {
                CompiledQuery.Clause clause = list.get(i);
                CompiledQuery.Clause other = list.get(j);
                return subsequence(clause.exactTerms(), other.exactTerms())
                        || subsequence(clause.stemmedTerms(), other.stemmedTerms());
            }
            return subsequence(blocks, a + 3, blocks[a + 1], blocks, b + 3, blocks[b + 1])
                    || subsequence(
                            blocks, a + 3 + blocks[a + 1], blocks[a + 2], blocks, b + 3 + blocks[b + 1], blocks[b + 2]);
        }
    }

    /** Plain loops, no streams: this runs for every piece of evidence of every match. */
    static String labelFor(Clauses clauses, Terms terms) {
        int first = -1;
        List<Integer> chosen = null;
        for (int i = 0; i < clauses.size(); i++) {
            if (!clauses.hits(i, terms)) {
                continue;
            }
            if (first < 0) {
                first = i;
                continue;
            }
            if (clauses.coveredBy(i, first) || isCovered(clauses, i, chosen)) {
                continue;
            }
            if (chosen == null) {
                chosen = new ArrayList<>(2);
            }
            chosen.add(i);
        }
        if (first < 0) {
            return null;
        }
        if (chosen == null) {
            return clauses.labels[first];
        }
        StringBuilder label = new StringBuilder(clauses.labels[first]);
        for (int i : chosen) {
            label.append(" + ").append(clauses.labels[i]);
        }
        return label.toString();
    }

    private static boolean isCovered(Clauses clauses, int i, List<Integer> chosen) {
        if (chosen != null) {
            for (int j : chosen) {
                if (clauses.coveredBy(i, j)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the {@code size} numbers from {@code from} in {@code needle} occur in order in the haystack's range. */
    private static boolean subsequence(
            int[] needle, int from, int size, int[] haystack, int haystackFrom, int haystackSize) {
        if (size == 0 || size > haystackSize) {
            return false;
        }
        int i = 0;
        for (int h = haystackFrom; h < haystackFrom + haystackSize; h++) {
            if (haystack[h] == needle[from + i] && ++i == size) {
                return true;
            }
        }
        return false;
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
        // a French statement's stems are French: the clause's French stems are compared in hits(int, Terms)
        return subsequence(clause.exactTerms(), terms.exact())
                || !terms.french() && subsequence(clause.stemmedTerms(), terms.stemmed());
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
