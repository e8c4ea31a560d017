package org.advocacyalerts.matcher;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.queries.spans.FilterSpans;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.queries.spans.SpanWeight;
import org.apache.lucene.queries.spans.Spans;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;

/**
 * {@code NOT/s}: the spans of {@code include} whose sentences (the one a span lies in, or each of those a
 * span of a NEAR without /s runs across) hold no span of {@code exclude}. A sentence runs from the
 * {@link SentenceMarkFilter#MARK} before it (or the field's start) to the next one (or the field's end).
 * Lucene's own SpanNotQuery removes spans that overlap an excluded one, or lie within a number of words
 * of it: neither is a sentence, and building the sentence out of span queries repeats the included ones,
 * whose words then count twice against Lucene's limit on clauses.
 */
final class SpanNotInSentenceQuery extends SpanQuery {

    private final String field;
    private final SpanQuery include;
    private final SpanQuery exclude;
    /**
     * Whether a wildcard stands among the words of each side: rewriting for a statement then expands it.
     * A side without one is left as it is: rewriting it would rebuild every span query below, as Lucene's
     * span queries do, for nothing.
     */
    private final boolean includeWildcards;

    private final boolean excludeWildcards;
    /**
     * For a query rewritten for a statement, the registered one it was rewritten from: it gives the
     * rewritten query its hash, and takes part in its equality.
     */
    private final SpanNotInSentenceQuery origin;
    /** {@link #hashCode}, 0 until computed. */
    private int hash;

    /** Both in {@code field} (a rewritten wildcard with no words there may have no field). */
    SpanNotInSentenceQuery(String field, SpanQuery include, SpanQuery exclude) {
        this.field = Objects.requireNonNull(field);
        this.include = include;
        this.exclude = exclude;
        this.includeWildcards = EvidenceMatcher.needsRewrite(include);
        this.excludeWildcards = EvidenceMatcher.needsRewrite(exclude);
        this.origin = null;
    }

    /**
     * {@code origin} rewritten for a statement. One rewrite of a span query leaves no wildcard below it
     * (each span query rewrites every clause once, a wildcard to the statement's words), so this one is
     * never rewritten again, and is not walked to find that out: that walk of a topic's thousand words
     * took a tenth of a default topic's time on a statement.
     */
    private SpanNotInSentenceQuery(SpanNotInSentenceQuery origin, SpanQuery include, SpanQuery exclude) {
        this.field = origin.field;
        this.include = include;
        this.exclude = exclude;
        this.includeWildcards = false;
        this.excludeWildcards = false;
        this.origin = origin;
        assert !EvidenceMatcher.needsRewrite(include) && !EvidenceMatcher.needsRewrite(exclude) : this;
    }

    SpanQuery include() {
        return include;
    }

    @Override
    public String getField() {
        return field;
    }

    @Override
    public SpanWeight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        SpanWeight includeWeight = include.createWeight(searcher, scoreMode, boost);
        SpanWeight excludeWeight = exclude.createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, boost);
        SpanWeight markWeight = new SpanTermQuery(new Term(getField(), SentenceMarkFilter.MARK))
                .createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, boost);
        return new SpanWeight(this, searcher, scoreMode.needsScores() ? getTermStates(includeWeight) : null, boost) {
            @Override
            public void extractTermStates(Map<Term, TermStates> contexts) {
                includeWeight.extractTermStates(contexts);
            }

            @Override
            public Spans getSpans(LeafReaderContext context, Postings requiredPostings) throws IOException {
                Spans included = includeWeight.getSpans(context, requiredPostings);
                if (included == null) {
                    return null;
                }
                Spans excluded = excludeWeight.getSpans(context, Postings.POSITIONS);
                if (excluded == null) {
                    return included;
                }
                return new InSentenceWithout(included, excluded, markWeight.getSpans(context, Postings.POSITIONS));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return includeWeight.isCacheable(context)
                        && excludeWeight.isCacheable(context)
                        && markWeight.isCacheable(context);
            }
        };
    }

    /**
     * Reads the marks and the excluded words' positions of each document once, then rejects an included
     * span when a sentence it touches holds one: from the sentence of its first word to that of its last.
     */
    private static final class InSentenceWithout extends FilterSpans {
        private final Spans excluded;
        private final Spans marks; // null: no statement here has two sentences
        private final Positions excludedAt = new Positions();
        private final Positions marksAt = new Positions();
        private int doc = -1;

        InSentenceWithout(Spans included, Spans excluded, Spans marks) {
            super(included);
            this.excluded = excluded;
            this.marks = marks;
        }

        @Override
        protected AcceptStatus accept(Spans candidate) throws IOException {
            if (candidate.docID() != doc) {
                doc = candidate.docID();
                excludedAt.read(excluded, doc);
                if (excludedAt.size > 0) { // most statements hold no excluded word: their marks are not needed
                    marksAt.read(marks, doc);
                }
            }
            if (excludedAt.size == 0) {
                return AcceptStatus.YES;
            }
            // The sentences touched lie between the last mark before the span and the first mark after it.
            int firstMarkAfterStart = marksAt.firstAtOrAbove(candidate.startPosition());
            int before = firstMarkAfterStart == 0 ? -1 : marksAt.at[firstMarkAfterStart - 1];
            int firstMarkAfterEnd = marksAt.firstAtOrAbove(candidate.endPosition());
            int after = firstMarkAfterEnd == marksAt.size ? Integer.MAX_VALUE : marksAt.at[firstMarkAfterEnd];
            int firstExcluded = excludedAt.firstAtOrAbove(before + 1);
            return firstExcluded < excludedAt.size && excludedAt.at[firstExcluded] < after
                    ? AcceptStatus.NO
                    : AcceptStatus.YES;
        }
    }

    /** The start positions of one document's spans, in order. */
    private static final class Positions {
        private int[] at = new int[8];
        private int size;

        void read(Spans spans, int doc) throws IOException {
            size = 0;
            if (spans == null) {
                return;
            }
            if (spans.docID() < doc) {
                spans.advance(doc);
            }
            if (spans.docID() != doc) {
                return;
            }
            for (int p = spans.nextStartPosition(); p != Spans.NO_MORE_POSITIONS; p = spans.nextStartPosition()) {
                if (size == at.length) {
                    at = Arrays.copyOf(at, size * 2);
                }
                at[size++] = p;
            }
        }

        /** The index of the first position at or above {@code position}; {@link #size} when none is. */
        int firstAtOrAbove(int position) {
            int low = 0;
            int high = size;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (at[middle] < position) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        if (!includeWildcards && !excludeWildcards) {
            return this;
        }
        SpanQuery in = includeWildcards ? (SpanQuery) include.rewrite(searcher) : include;
        SpanQuery out = excludeWildcards ? (SpanQuery) exclude.rewrite(searcher) : exclude;
        return new SpanNotInSentenceQuery(origin != null ? origin : this, in, out);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(getField())) {
            include.visit(visitor.getSubVisitor(Occur.MUST, this));
            exclude.visit(visitor.getSubVisitor(Occur.MUST_NOT, this));
        }
    }

    @Override
    public String toString(String field) {
        return "spanNotInSentence(" + include.toString(field) + ", " + exclude.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other)
                && field.equals(((SpanNotInSentenceQuery) other).field)
                && include.equals(((SpanNotInSentenceQuery) other).include)
                && exclude.equals(((SpanNotInSentenceQuery) other).exclude)
                && Objects.equals(origin, ((SpanNotInSentenceQuery) other).origin);
    }

    /**
     * Kept once computed (the query never changes): a BooleanQuery hashes its clauses whenever one is
     * built, and rewriting a topic's query for a statement built several around this one, each hashing
     * its thousand words again. A rewritten query takes its origin's (equal ones have equal origins), so
     * the boolean query rewritten around it on every statement does not hash its expanded words.
     */
    @Override
    public int hashCode() {
        if (origin != null) {
            return 31 * origin.hashCode() + 1;
        }
        int h = hash;
        if (h == 0) {
            h = classHash() ^ Objects.hash(field, include, exclude);
            hash = h;
        }
        return h;
    }
}
