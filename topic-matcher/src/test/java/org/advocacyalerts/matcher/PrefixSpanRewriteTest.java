package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.junit.jupiter.api.Test;

/**
 * A wildcard inside NEAR or NOT/s expands, on a statement, to the same words as Lucene's ranked rewrite
 * chose before {@link PrefixSpanRewrite} replaced it: every one that starts with the prefix, and when
 * there are more than the limit, the lowest in term order.
 */
class PrefixSpanRewriteTest {

    private static final int LIMIT = 64;

    @Test
    void aWildcardExpandsToTheWordsLuceneChose() throws IOException {
        StringBuilder text = new StringBuilder("army armistice armour arms border armenia armenian baku");
        for (int i = 69; i >= 0; i--) { // more "arm" words than the limit, written out of order
            text.append(" arm").append((char) ('a' + i / 26)).append((char) ('a' + i % 26));
        }
        MemoryIndex index = new MemoryIndex();
        index.addField("body", text.toString(), new WhitespaceAnalyzer());
        IndexSearcher searcher = index.createSearcher();
        for (String prefix : new String[] {"arm", "armen", "bak", "bord", "zz", "a", ""}) {
            assertThat(words(expand(prefix, new PrefixSpanRewrite(LIMIT), searcher)))
                    .as(prefix + "*")
                    .isEqualTo(words(expand(
                            prefix, new SpanMultiTermQueryWrapper.TopTermsSpanBooleanQueryRewrite(LIMIT), searcher)));
        }
        assertThat(words(expand("arm", new PrefixSpanRewrite(LIMIT), searcher)))
                .as("capped at the limit, from the lowest word")
                .hasSize(LIMIT)
                .startsWith("armaa", "armab")
                .contains("armcl") // the 64th: armaa to armaz, armba to armbz, armca to armcl
                .doesNotContain("armcm", "armenia", "army");
        assertThat(words(expand("armen", new PrefixSpanRewrite(LIMIT), searcher)))
                .containsExactly("armenia", "armenian");
        assertThat(words(expand("zz", new PrefixSpanRewrite(LIMIT), searcher))).isEmpty();
    }

    private static SpanQuery expand(
            String prefix, SpanMultiTermQueryWrapper.SpanRewriteMethod method, IndexSearcher searcher)
            throws IOException {
        SpanMultiTermQueryWrapper<PrefixQuery> wildcard =
                new SpanMultiTermQueryWrapper<>(new PrefixQuery(new Term("body", prefix)));
        wildcard.setRewriteMethod(method);
        return (SpanQuery) wildcard.rewrite(searcher);
    }

    private static Set<String> words(SpanQuery query) {
        Set<String> words = new TreeSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... terms) {
                for (Term term : terms) {
                    words.add(term.text());
                }
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return words;
    }
}
