package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A query of words, exact phrases, AND, OR and NOT, run on one statement's term positions directly.
 * Most registered queries are of this kind, and a statement has hundreds of candidates: none may build
 * a Lucene weight, term states and scorers per clause. Same meaning as the Lucene query it is made from
 * (a term, an exact phrase, a boolean query without minimum-should-match); the same evidence spans as
 * Lucene's {@code Matches} give (every occurrence of every matching positive clause). Trailing
 * wildcards are words too: the statement's words with the prefix (no rewrite of the query per
 * statement). A proximity pair ({@code "a b"~5}) is checked here too, but
 * its evidence comes from Lucene; other sloppy phrases and spans (NEAR) have no plan and run as Lucene
 * queries.
 */
abstract sealed class DirectPlan {

    /**
     * The plan of {@code query}, its terms numbered in {@code ids}, or null when it holds anything but
     * terms, exact phrases and booleans.
     */
    static DirectPlan of(Query query, TermIds ids) {
        if (query instanceof TermQuery t) {
            return new Word(ids.of(t.getTerm().field(), t.getTerm().bytes()));
        }
        if (query instanceof PhraseQuery p) {
            return phrase(p, ids);
        }
        if (query instanceof PrefixQuery p
                && p.getRewriteMethod() instanceof MultiTermQuery.TopTermsBlendedFreqScoringRewrite top) {
            return new Prefix(
                    p.getField(), ids.fieldIndex(p.getField()), p.getPrefix().bytes(), top.getSize());
        }
        if (query instanceof MatchNoDocsQuery) {
            return Nothing.INSTANCE;
        }
        if (query instanceof BooleanQuery b) {
            return bool(b, ids);
        }
        return null;
    }

    private static DirectPlan phrase(PhraseQuery p, TermIds ids) {
        int[] positions = p.getPositions();
        Term[] terms = p.getTerms();
        if (p.getSlop() != 0) {
            return terms.length == 2 && positions[0] == 0 && positions[1] == 1 && !terms[0].equals(terms[1])
                    ? new SloppyPair(
                            ids.of(p.getField(), terms[0].bytes()), ids.of(p.getField(), terms[1].bytes()), p.getSlop())
                    : null; // repeated words or more than two: Lucene's matcher, with its own rules
        }
        if (terms.length == 0) {
            return null;
        }
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] != i) {
                return null; // gaps: not what the compiler makes
            }
        }
        TermIds.Term[] words = new TermIds.Term[terms.length];
        for (int i = 0; i < terms.length; i++) {
            words[i] = ids.of(p.getField(), terms[i].bytes());
        }
        return new Phrase(p.getField(), words);
    }

    private static DirectPlan bool(BooleanQuery b, TermIds ids) {
        if (b.getMinimumNumberShouldMatch() != 0) {
            return null;
        }
        List<DirectPlan> must = new ArrayList<>();
        List<DirectPlan> should = new ArrayList<>();
        List<DirectPlan> mustNot = new ArrayList<>();
        for (BooleanClause clause : b.clauses()) {
            DirectPlan plan = of(clause.getQuery(), ids);
            if (plan == null) {
                return null;
            }
            switch (clause.getOccur()) {
                case MUST -> must.add(plan);
                case SHOULD -> should.add(plan);
                case MUST_NOT -> mustNot.add(plan);
                default -> {
                    return null; // FILTER: not made by the compiler
                }
            }
        }
        return new Bool(
                must.toArray(DirectPlan[]::new), should.toArray(DirectPlan[]::new), mustNot.toArray(DirectPlan[]::new));
    }

    /** Whether the statement matches. */
    abstract boolean matches(StatementTerms statement);

    /**
     * Whether {@link #spans} gives the evidence Lucene's {@code Matches} would: false for a plan holding
     * a proximity pair, whose evidence is then taken from Lucene (only for statements it matches).
     */
    boolean hasSpans() {
        return true;
    }

    /** Adds the spans of a plan that {@link #matches}: {field, start offset, end offset} each. */
    abstract void spans(StatementTerms statement, List<MatchedSpan> out);

    /** A word; its term's numbers are kept here, one place in memory less to wait for per candidate. */
    static final class Word extends DirectPlan {
        private final String field;
        private final int fieldIndex;
        private final int id;

        Word(TermIds.Term term) {
            this.field = term.field();
            this.fieldIndex = term.fieldIndex;
            this.id = term.id();
        }

        @Override
        boolean matches(StatementTerms statement) {
            return statement.postings(fieldIndex, id).length > 0;
        }

        @Override
        void spans(StatementTerms statement, List<MatchedSpan> out) {
            int[] p = statement.postings(fieldIndex, id);
            for (int i = 0; i < p.length; i += 3) {
                out.add(new MatchedSpan(field, p[i + 1], p[i + 2]));
            }
        }
    }

    static final class Phrase extends DirectPlan {
        private final String field;
        private final int fieldIndex;
        /** The term numbers of the phrase's words, in order. */
        private final int[] ids;

        Phrase(String field, TermIds.Term[] terms) {
            this.field = field;
            this.fieldIndex = terms[0].fieldIndex;
            this.ids = new int[terms.length];
            for (int i = 0; i < terms.length; i++) {
                ids[i] = terms[i].id();
            }
        }

        @Override
        boolean matches(StatementTerms statement) {
            int[][] postings = postings(statement);
            if (postings == null) {
                return false;
            }
            for (int i = 0; i < postings[0].length; i += 3) {
                if (endsAt(postings, postings[0][i]) >= 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        void spans(StatementTerms statement, List<MatchedSpan> out) {
            int[][] postings = postings(statement);
            if (postings == null) {
                return;
            }
            for (int i = 0; i < postings[0].length; i += 3) {
                int end = endsAt(postings, postings[0][i]);
                if (end >= 0) {
                    out.add(new MatchedSpan(field, postings[0][i + 1], end));
                }
            }
        }

        private int[][] postings(StatementTerms statement) {
            int[][] postings = new int[ids.length][];
            for (int t = 0; t < ids.length; t++) {
                postings[t] = statement.postings(fieldIndex, ids[t]);
                if (postings[t].length == 0) {
                    return null;
                }
            }
            return postings;
        }

        /** The end offset of the phrase starting at {@code position}, or -1 if it does not occur there. */
        private static int endsAt(int[][] postings, int position) {
            int end = -1;
            for (int t = 1; t < postings.length; t++) {
                end = endOffsetAt(postings[t], position + t);
                if (end < 0) {
                    return -1;
                }
            }
            return postings.length == 1 ? endOffsetAt(postings[0], position) : end;
        }

        /** Binary search over the (position, start, end) triples for a position: its end offset, or -1. */
        private static int endOffsetAt(int[] p, int position) {
            int low = 0;
            int high = p.length / 3 - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int at = p[mid * 3];
                if (at < position) {
                    low = mid + 1;
                } else if (at > position) {
                    high = mid - 1;
                } else {
                    return p[mid * 3 + 2];
                }
            }
            return -1;
        }
    }

    /** Lucene's boolean meaning: every MUST, no MUST_NOT, and at least one SHOULD when there is no MUST. */
    static final class Bool extends DirectPlan {
        private final DirectPlan[] must;
        private final DirectPlan[] should;
        private final DirectPlan[] mustNot;
        private final boolean hasSpans;

        Bool(DirectPlan[] must, DirectPlan[] should, DirectPlan[] mustNot) {
            this.must = must;
            this.should = should;
            this.mustNot = mustNot;
            boolean spans = true;
            for (DirectPlan plan : must) {
                spans &= plan.hasSpans();
            }
            for (DirectPlan plan : should) {
                spans &= plan.hasSpans();
            }
            this.hasSpans = spans; // what is excluded gives no evidence
        }

        @Override
        boolean hasSpans() {
            return hasSpans;
        }

        @Override
        boolean matches(StatementTerms statement) {
            for (DirectPlan plan : must) {
                if (!plan.matches(statement)) {
                    return false;
                }
            }
            if (must.length == 0) {
                boolean any = false;
                for (DirectPlan plan : should) {
                    if (plan.matches(statement)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            for (DirectPlan plan : mustNot) {
                if (plan.matches(statement)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void spans(StatementTerms statement, List<MatchedSpan> out) {
            for (DirectPlan plan : must) {
                plan.spans(statement, out);
            }
            for (DirectPlan plan : should) {
                if (plan.matches(statement)) {
                    plan.spans(statement, out);
                }
            }
        }
    }

    /** A trailing wildcard: any of the statement's words that start with the prefix, at most {@code limit}. */
    static final class Prefix extends DirectPlan {
        private final String field;
        private final int fieldIndex;
        private final BytesRef prefix;
        private final int limit;

        Prefix(String field, int fieldIndex, BytesRef prefix, int limit) {
            this.field = field;
            this.fieldIndex = fieldIndex;
            this.prefix = prefix;
            this.limit = limit;
        }

        @Override
        boolean matches(StatementTerms statement) {
            return !statement.prefixed(fieldIndex, prefix, 1).isEmpty();
        }

        @Override
        void spans(StatementTerms statement, List<MatchedSpan> out) {
            for (int[] p : statement.prefixed(fieldIndex, prefix, limit)) {
                for (int i = 0; i < p.length; i += 3) {
                    out.add(new MatchedSpan(field, p[i + 1], p[i + 2]));
                }
            }
        }
    }

    /**
     * Two different words within {@code slop} of each other, a proximity query ({@code "release
     * detainees"~5}): Lucene's sloppy phrase meaning for two words, the first at p and the second at q
     * matching when |q - 1 - p| <= slop (in order and adjacent costs 0, reversed and adjacent 2). Only
     * whether it matches: its evidence (the window Lucene's matcher reports) comes from Lucene.
     */
    static final class SloppyPair extends DirectPlan {
        private final TermIds.Term first;
        private final TermIds.Term second;
        private final int slop;

        SloppyPair(TermIds.Term first, TermIds.Term second, int slop) {
            this.first = first;
            this.second = second;
            this.slop = slop;
        }

        @Override
        boolean matches(StatementTerms statement) {
            int[] a = statement.postings(first);
            if (a.length == 0) {
                return false;
            }
            int[] b = statement.postings(second);
            // Both lists in position order: the closest pair is found walking them together.
            for (int i = 0, j = 0; i < a.length && j < b.length; ) {
                int distance = (b[j] - 1) - a[i];
                if (Math.abs(distance) <= slop) {
                    return true;
                }
                if (distance < 0) {
                    j += 3;
                } else {
                    i += 3;
                }
            }
            return false;
        }

        @Override
        boolean hasSpans() {
            return false;
        }

        @Override
        void spans(StatementTerms statement, List<MatchedSpan> out) {
            throw new UnsupportedOperationException("a proximity pair's evidence comes from Lucene");
        }
    }

    static final class Nothing extends DirectPlan {
        static final Nothing INSTANCE = new Nothing();

        @Override
        boolean matches(StatementTerms statement) {
            return false;
        }

        @Override
        void spans(StatementTerms statement, List<MatchedSpan> out) {}
    }
}
