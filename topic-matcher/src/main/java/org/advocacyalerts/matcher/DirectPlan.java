package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A query of words, exact phrases, AND, OR and NOT, run on one statement's term positions directly.
 * Most registered queries are of this kind; running each candidate as a Lucene {@code Weight} built a
 * weight, term states and a scorer per clause for every one of hundreds of candidates per statement,
 * which was most of the matcher's time and garbage. Same meaning as the Lucene query it is made from
 * (a term, an exact phrase, a boolean query without minimum-should-match); the same evidence spans as
 * Lucene's {@code Matches} give (every occurrence of every matching positive clause). Queries with
 * sloppy phrases, spans or wildcards have no plan and run as Lucene queries.
 */
abstract sealed class DirectPlan {

    /** The plan of {@code query}, or null when it holds anything but terms, exact phrases and booleans. */
    static DirectPlan of(Query query) {
        if (query instanceof TermQuery t) {
            return new Word(t.getTerm().field(), t.getTerm().bytes()); // shared with the query: neither changes it
        }
        if (query instanceof PhraseQuery p) {
            return phrase(p);
        }
        if (query instanceof MatchNoDocsQuery) {
            return Nothing.INSTANCE;
        }
        if (query instanceof BooleanQuery b) {
            return bool(b);
        }
        return null;
    }

    private static DirectPlan phrase(PhraseQuery p) {
        int[] positions = p.getPositions();
        org.apache.lucene.index.Term[] terms = p.getTerms();
        if (p.getSlop() != 0 || terms.length == 0) {
            return null;
        }
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] != i) {
                return null; // gaps: not what the compiler makes
            }
        }
        BytesRef[] bytes = new BytesRef[terms.length];
        for (int i = 0; i < terms.length; i++) {
            bytes[i] = terms[i].bytes();
        }
        return new Phrase(p.getField(), bytes);
    }

    private static DirectPlan bool(BooleanQuery b) {
        if (b.getMinimumNumberShouldMatch() != 0) {
            return null;
        }
        List<DirectPlan> must = new ArrayList<>();
        List<DirectPlan> should = new ArrayList<>();
        List<DirectPlan> mustNot = new ArrayList<>();
        for (BooleanClause clause : b.clauses()) {
            DirectPlan plan = of(clause.getQuery());
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
    abstract boolean matches(Statement statement);

    /** Adds the spans of a plan that {@link #matches}: {field, start offset, end offset} each. */
    abstract void spans(Statement statement, List<Span> out);

    /** A matched stretch of text. */
    record Span(String field, int start, int end) {}

    /**
     * One statement's postings, looked up as candidates ask for them and kept: a term shared by many
     * queries is read from the in-memory index once.
     */
    static final class Statement {
        /** Positions and offsets of one term: position, start, end, position, start, end, ... */
        private static final int[] ABSENT = new int[0];

        private final LeafReader reader;
        private final Map<String, Field> fields = new HashMap<>(4);

        Statement(LeafReader reader) {
            this.reader = reader;
        }

        private static final class Field {
            final TermsEnum terms;
            final Map<BytesRef, int[]> postings = new HashMap<>();
            PostingsEnum reuse;

            Field(TermsEnum terms) {
                this.terms = terms;
            }
        }

        int[] postings(String field, BytesRef term) {
            Field f = fields.computeIfAbsent(field, this::open);
            if (f.terms == null) {
                return ABSENT;
            }
            int[] found = f.postings.get(term);
            if (found == null) {
                found = read(f, term);
                f.postings.put(term, found);
            }
            return found;
        }

        private Field open(String field) {
            try {
                Terms terms = reader.terms(field);
                return new Field(terms == null ? null : terms.iterator());
            } catch (IOException e) {
                throw new UncheckedIOException("reading the statement's in-memory index failed", e);
            }
        }

        private static int[] read(Field f, BytesRef term) {
            try {
                if (!f.terms.seekExact(term)) {
                    return ABSENT;
                }
                PostingsEnum postings = f.terms.postings(f.reuse, PostingsEnum.OFFSETS);
                f.reuse = postings;
                if (postings.nextDoc() == PostingsEnum.NO_MORE_DOCS) {
                    return ABSENT;
                }
                int freq = postings.freq();
                int[] out = new int[freq * 3];
                for (int i = 0; i < freq; i++) {
                    out[i * 3] = postings.nextPosition();
                    out[i * 3 + 1] = postings.startOffset();
                    out[i * 3 + 2] = postings.endOffset();
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the statement's in-memory index failed", e);
            }
        }
    }

    static final class Word extends DirectPlan {
        private final String field;
        private final BytesRef term;

        Word(String field, BytesRef term) {
            this.field = field;
            this.term = term;
        }

        @Override
        boolean matches(Statement statement) {
            return statement.postings(field, term).length > 0;
        }

        @Override
        void spans(Statement statement, List<Span> out) {
            int[] p = statement.postings(field, term);
            for (int i = 0; i < p.length; i += 3) {
                out.add(new Span(field, p[i + 1], p[i + 2]));
            }
        }
    }

    static final class Phrase extends DirectPlan {
        private final String field;
        private final BytesRef[] terms;

        Phrase(String field, BytesRef[] terms) {
            this.field = field;
            this.terms = terms;
        }

        @Override
        boolean matches(Statement statement) {
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
        void spans(Statement statement, List<Span> out) {
            int[][] postings = postings(statement);
            if (postings == null) {
                return;
            }
            for (int i = 0; i < postings[0].length; i += 3) {
                int end = endsAt(postings, postings[0][i]);
                if (end >= 0) {
                    out.add(new Span(field, postings[0][i + 1], end));
                }
            }
        }

        private int[][] postings(Statement statement) {
            int[][] postings = new int[terms.length][];
            for (int t = 0; t < terms.length; t++) {
                postings[t] = statement.postings(field, terms[t]);
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

        Bool(DirectPlan[] must, DirectPlan[] should, DirectPlan[] mustNot) {
            this.must = must;
            this.should = should;
            this.mustNot = mustNot;
        }

        @Override
        boolean matches(Statement statement) {
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
        void spans(Statement statement, List<Span> out) {
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

    static final class Nothing extends DirectPlan {
        static final Nothing INSTANCE = new Nothing();

        @Override
        boolean matches(Statement statement) {
            return false;
        }

        @Override
        void spans(Statement statement, List<Span> out) {}
    }
}
