package org.advocacyalerts.matcher;

import java.io.IOException;
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
 * {@code NOT/s}: the spans of {@code include} (each within one sentence) whose sentence holds no span of
 * {@code exclude}. A sentence runs from the {@link SentenceMarkFilter#MARK} before it (or the field's
 * start) to the next one (or the field's end). Lucene's own SpanNotQuery removes spans that overlap an
 * excluded one, or lie within a number of words of it: neither is a sentence, and building the sentence
 * out of span queries repeats the included ones, whose words then count twice against Lucene's limit on
 * clauses.
 */
final class SpanNotInSentenceQuery extends SpanQuery {

    private final String field;
    private final SpanQuery include;
    private final SpanQuery exclude;

    /** Both in {@code field} (a rewritten wildcard with no words there may have no field). */
    SpanNotInSentenceQuery(String field, SpanQuery include, SpanQuery exclude) {
        this.field = Objects.requireNonNull(field);
        this.include = include;
        this.exclude = exclude;
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
     * Included spans come in order of their start within a document; the sentence of each starts at or
     * after the last one's, so the marks and excluded spans are read once, forward.
     */
    private static final class InSentenceWithout extends FilterSpans {
        private final Spans excluded;
        private final Spans marks; // null: no statement here has two sentences
        private int doc = -1;
        private int sentenceStart;
        private int sentenceEnd;

        InSentenceWithout(Spans included, Spans excluded, Spans marks) {
            super(included);
            this.excluded = excluded;
            this.marks = marks;
        }

        @Override
        protected AcceptStatus accept(Spans candidate) throws IOException {
            if (candidate.docID() != doc) {
                doc = candidate.docID();
                sentenceStart = -1;
                sentenceEnd = firstIn(marks);
                if (firstIn(excluded) == Spans.NO_MORE_POSITIONS) {
                    return AcceptStatus.YES;
                }
            }
            if (excluded.docID() != doc || excluded.startPosition() == Spans.NO_MORE_POSITIONS) {
                return AcceptStatus.YES;
            }
            int start = candidate.startPosition();
            while (sentenceEnd <= start) { // the candidate's sentence begins after the next mark
                sentenceStart = sentenceEnd;
                sentenceEnd = marks.nextStartPosition();
            }
            while (excluded.startPosition() < sentenceStart) {
                if (excluded.nextStartPosition() == Spans.NO_MORE_POSITIONS) {
                    return AcceptStatus.YES;
                }
            }
            return excluded.startPosition() < sentenceEnd ? AcceptStatus.NO : AcceptStatus.YES;
        }

        /** The first position of {@code spans} in {@link #doc}; none when it has none there. */
        private int firstIn(Spans spans) throws IOException {
            if (spans == null) {
                return Spans.NO_MORE_POSITIONS;
            }
            if (spans.docID() < doc) {
                spans.advance(doc);
            }
            return spans.docID() == doc ? spans.nextStartPosition() : Spans.NO_MORE_POSITIONS;
        }
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        SpanQuery in = (SpanQuery) include.rewrite(searcher);
        SpanQuery out = (SpanQuery) exclude.rewrite(searcher);
        return in != include || out != exclude ? new SpanNotInSentenceQuery(field, in, out) : super.rewrite(searcher);
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
                && exclude.equals(((SpanNotInSentenceQuery) other).exclude);
    }

    @Override
    public int hashCode() {
        return classHash() ^ Objects.hash(field, include, exclude);
    }
}
