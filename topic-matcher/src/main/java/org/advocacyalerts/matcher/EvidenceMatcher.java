package org.advocacyalerts.matcher;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.advocacyalerts.model.Evidence;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Runs each presearcher candidate on the statement's in-memory index and, when it matches, takes its
 * evidence from the same weight. The Monitor's own matchers search through {@link IndexSearcher#search},
 * which rewrites every candidate and sets up a collector each time; queries the compiler builds need no
 * rewriting unless they hold a wildcard, so most candidates cost one weight and one advance.
 */
final class EvidenceMatcher extends CandidateMatcher<EvidenceMatcher.Hit> {

    /** Monitor metadata key of queries holding a wildcard, which must be rewritten on each statement. */
    static final String NEEDS_REWRITE = "rewrite";

    /** A matched query (or one disjunct of it) and the spans it matched. */
    static final class Hit extends QueryMatch {
        final Set<Evidence> evidence;

        Hit(String queryId, Set<Evidence> evidence) {
            super(queryId);
            this.evidence = evidence;
        }
    }

    private final LeafReaderContext leaf;
    private final Evidences evidences;

    /** @param evidences null to find only which queries match */
    EvidenceMatcher(IndexSearcher searcher, Evidences evidences) {
        super(searcher);
        // One statement, each query run once: Lucene's shared query cache would only track and lock.
        searcher.setQueryCache(null);
        this.leaf = searcher.getIndexReader().leaves().get(0);
        this.evidences = evidences;
    }

    /** Whether {@code query} must be rewritten before it can run: it holds a wildcard. */
    static boolean needsRewrite(Query query) {
        boolean[] found = {false};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }

            @Override
            public void visitLeaf(Query leaf) {
                if (leaf instanceof MultiTermQuery || leaf instanceof SpanMultiTermQueryWrapper<?>) {
                    found[0] = true;
                }
            }

            @Override
            public void consumeTermsMatching(
                    Query parent,
                    String field,
                    java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> automaton) {
                found[0] = true;
            }
        });
        return found[0];
    }

    @Override
    protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) throws IOException {
        Query query = metadata.containsKey(NEEDS_REWRITE) ? searcher.rewrite(matchQuery) : matchQuery;
        Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f);
        if (!matches(weight)) {
            return;
        }
        Set<Evidence> found = evidences == null ? Set.of() : evidences.of(queryId, weight, leaf);
        addMatch(new Hit(queryId, found), 0);
    }

    private boolean matches(Weight weight) throws IOException {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return false;
        }
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator approximation = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
        return approximation.nextDoc() != DocIdSetIterator.NO_MORE_DOCS && (twoPhase == null || twoPhase.matches());
    }

    @Override
    public Hit resolve(Hit first, Hit second) {
        if (second.evidence.isEmpty()) {
            return first;
        }
        Set<Evidence> both = new LinkedHashSet<>(first.evidence);
        both.addAll(second.evidence);
        return new Hit(first.getQueryId(), both);
    }

    /** Finds a matched query's spans on the statement. */
    interface Evidences {
        Set<Evidence> of(String queryId, Weight weight, LeafReaderContext leaf) throws IOException;
    }
}
