package org.advocacyalerts.matcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A wildcard inside NEAR or NOT/s, rewritten for a statement: the statement's words that start with its
 * prefix, the first {@code size} of them in term order, as the spans of any of them. These are the words
 * Lucene's {@link SpanMultiTermQueryWrapper.TopTermsSpanBooleanQueryRewrite} keeps (every word weighs the
 * same, and of equal ones it keeps the lowest; the index's leaves merged, as it merges them), found as a
 * direct plan finds a wildcard's ({@link StatementTerms#eachPrefixed}: one seek to the prefix and a walk
 * while words start with it), where Lucene runs the prefix's automaton over the terms and ranks them in a
 * priority queue: a fifth of a default topic's time on a statement went there (a flight recording of the
 * evaluation texts).
 */
final class PrefixSpanRewrite extends SpanMultiTermQueryWrapper.SpanRewriteMethod {

    private final int size;

    /** @param size the most words one wildcard expands to ({@link QueryLimits#maxPrefixExpansion}) */
    PrefixSpanRewrite(int size) {
        this.size = size;
    }

    @Override
    public SpanQuery rewrite(IndexReader reader, MultiTermQuery query) throws IOException {
        String field = query.getField();
        List<SpanQuery> words = new ArrayList<>();
        StatementTerms.eachPrefixed(
                MultiTerms.getTerms(reader, field),
                ((PrefixQuery) query).getPrefix().bytes(),
                size,
                walk -> words.add(new SpanTermQuery(new Term(field, BytesRef.deepCopyOf(walk.term())))));
        return new SpanOrQuery(words.toArray(SpanQuery[]::new));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrefixSpanRewrite that && that.size == size;
    }

    @Override
    public int hashCode() {
        return 31 * PrefixSpanRewrite.class.hashCode() + size;
    }
}
