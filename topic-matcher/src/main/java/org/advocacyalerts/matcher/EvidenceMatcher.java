package org.advocacyalerts.matcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.advocacyalerts.model.Evidence;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Runs each presearcher candidate on the statement's in-memory index and, when it matches, takes its
 * evidence from the same weight. The Monitor's own matchers search through {@link IndexSearcher#search},
 * which rewrites every candidate and sets up a collector each time; queries the compiler builds need no
 * rewriting unless they hold a wildcard, so most candidates cost one weight and one advance.
 */
final class EvidenceMatcher extends CandidateMatcher<EvidenceMatcher.Hit> {

    /** A matched query (or one disjunct of it) and the spans it matched. */
    static final class Hit extends QueryMatch {
        final CompiledQuery query;
        final List<Evidence> evidence;

        Hit(String queryId, CompiledQuery query, List<Evidence> evidence) {
            super(queryId);
            this.query = query;
            this.evidence = evidence;
        }
    }

    private final LeafReaderContext leaf;
    private final Evidences evidences;
    private final boolean direct;
    private final TermIds ids;
    private StatementTerms postings;

    /**
     * @param evidences null to find only which queries match
     * @param direct run queries that have a {@link DirectPlan} by it (false: every query as a Lucene
     *     query, the reference the direct plans are tested against)
     * @param ids the numbers of the monitor whose candidates run here
     */
    EvidenceMatcher(IndexSearcher searcher, Evidences evidences, boolean direct, TermIds ids) {
        super(searcher);
        // One statement, each query run once: Lucene's shared query cache would only track and lock.
        searcher.setQueryCache(null);
        this.leaf = searcher.getIndexReader().leaves().get(0);
        this.evidences = evidences;
        this.direct = direct;
        this.ids = ids;
    }

    /** Whether {@code query} must be rewritten before it can run: it holds a wildcard. */
    static boolean needsRewrite(Query query) {
        boolean[] found = {false};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }

            @Override
            public void visitLeaf(Query leaf) {
                if (leaf instanceof MultiTermQuery || leaf instanceof SpanMultiTermQueryWrapper<?>) {
                    found[0] = true;
                }
            }

            @Override
            public void consumeTermsMatching(Query parent, String field, Supplier<ByteRunAutomaton> automaton) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /**
     * Which clauses of each boolean query in a registered query hold a wildcard, found once when it is
     * registered: asking again on every statement walked each clause's words, a quarter of a default
     * topic's time on a statement (a flight recording of the evaluation texts). Read-only once built.
     */
    static final class Wildcards {
        private final Map<BooleanQuery, boolean[]> clauses = new IdentityHashMap<>();

        private Wildcards() {}

        /** Null when {@code query} holds no wildcard: it runs as it is. */
        static Wildcards of(Query query) {
            if (!needsRewrite(query)) {
                return null;
            }
            Wildcards found = new Wildcards();
            found.note(query);
            return found;
        }

        private void note(Query query) {
            if (query instanceof BooleanQuery bool) {
                List<BooleanClause> list = bool.clauses();
                boolean[] wild = new boolean[list.size()];
                for (int i = 0; i < wild.length; i++) {
                    wild[i] = needsRewrite(list.get(i).getQuery());
                    if (wild[i]) {
                        note(list.get(i).getQuery());
                    }
                }
                clauses.put(bool, wild);
            }
        }

        /** Per clause of {@code bool}, whether it holds a wildcard; null for a query not noted. */
        boolean[] clausesOf(BooleanQuery bool) {
            return clauses.get(bool);
        }
    }

    @Override
    protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) throws IOException {
        RegisteredQuery registered = (RegisteredQuery) matchQuery;
        if (direct && registered.plan != null) {
            if (postings == null) {
                postings = StatementTerms.of(leaf.reader(), ids);
            }
            if (!registered.plan.matches(postings)) {
                return;
            }
            if (evidences == null || registered.plan.hasSpans()) {
                List<Evidence> found = List.of();
                if (evidences != null) {
                    List<MatchedSpan> spans = new ArrayList<>();
                    registered.plan.spans(postings, spans);
                    found = evidences.of(registered.clauses, spans);
                }
                addMatch(new Hit(queryId, registered.compiled, found), 0);
                return;
            }
            // It matches, and its evidence (a proximity window) is Lucene's: run as a Lucene query below.
        }
        Query query = registered.wildcards != null
                ? rewritten(registered.lucene, searcher, registered.wildcards)
                : registered.lucene;
        Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f);
        if (!matches(weight)) {
            return;
        }
        List<Evidence> found =
                evidences == null ? List.of() : evidences.of(registered.clauses, spans(weight.matches(leaf, 0)));
        addMatch(new Hit(queryId, registered.compiled, found), 0);
    }

    /**
     * {@code query} with its wildcards rewritten to the statement's words. Not {@link
     * IndexSearcher#rewrite}: it refuses a rewritten query of more than 1,024 terms, so a topic with many
     * wildcards (border has 44, over title and body) failed on a statement holding many words that share
     * their prefixes, and on that statement only. Each wildcard is already held to {@link
     * QueryLimits#maxPrefixExpansion} words, and the index is one statement.
     *
     * <p>Only the clauses of a boolean query that hold a wildcard are rewritten, and the boolean query is
     * built again around them once: Lucene's own rewrite of a boolean query rewrites every clause, builds
     * sets of them (hashing each down to every word) and goes round again until nothing changes, which
     * took most of the time a default topic spent on a statement (a flight recording of the evaluation
     * texts). Lucene's simplifications of a boolean query are left out; they never change what it matches.
     */
    static Query rewritten(Query query, IndexSearcher searcher) throws IOException {
        return rewritten(query, searcher, null);
    }

    /** @param known which of its boolean clauses hold a wildcard, when found at registration; else null */
    static Query rewritten(Query query, IndexSearcher searcher, Wildcards known) throws IOException {
        if (query instanceof BooleanQuery bool) {
            return rewrittenClauses(bool, searcher, known);
        }
        for (Query next = query.rewrite(searcher); next != query; next = query.rewrite(searcher)) {
            query = next;
        }
        return query;
    }

    private static Query rewrittenClauses(BooleanQuery bool, IndexSearcher searcher, Wildcards known)
            throws IOException {
        List<BooleanClause> clauses = bool.clauses();
        boolean[] wild = known != null ? known.clausesOf(bool) : null;
        Query[] changed = null;
        for (int i = 0; i < clauses.size(); i++) {
            Query clause = clauses.get(i).getQuery();
            if (!(wild != null ? wild[i] : needsRewrite(clause))) {
                continue;
            }
            Query rewritten = rewritten(clause, searcher, known);
            if (rewritten != clause) {
                if (changed == null) {
                    changed = new Query[clauses.size()];
                }
                changed[i] = rewritten;
            }
        }
        if (changed == null) {
            return bool;
        }
        BooleanQuery.Builder builder =
                new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
        for (int i = 0; i < clauses.size(); i++) {
            BooleanClause clause = clauses.get(i);
            builder.add(changed[i] != null ? changed[i] : clause.getQuery(), clause.getOccur());
        }
        return builder.build();
    }

    /** The spans of a Lucene match in title and body (source: and language: say nothing to highlight). */
    static List<MatchedSpan> spans(Matches matches) throws IOException {
        List<MatchedSpan> spans = new ArrayList<>();
        if (matches == null) {
            return spans;
        }
        for (String field : matches) {
            MatchesIterator iterator = matches.getMatches(field);
            while (iterator != null && iterator.next()) {
                for (int[] part : parts(iterator)) {
                    spans.add(new MatchedSpan(field, part[0], part[1]));
                }
            }
        }
        return spans;
    }

    /**
     * The highlighted parts of one match, as character offsets: a NEAR window is shown as its words and
     * phrases (sub-matches, merged where they follow each other), not as everything between them.
     */
    private static List<int[]> parts(MatchesIterator match) throws IOException {
        MatchesIterator sub = match.getSubMatches();
        if (sub == null) {
            return List.of(new int[] {match.startOffset(), match.endOffset()});
        }
        List<int[]> words = new ArrayList<>(); // startPosition, endPosition, startOffset, endOffset
        while (sub.next()) {
            words.add(new int[] {sub.startPosition(), sub.endPosition(), sub.startOffset(), sub.endOffset()});
        }
        if (words.isEmpty()) {
            return List.of(new int[] {match.startOffset(), match.endOffset()});
        }
        words.sort(Comparator.comparingInt((int[] w) -> w[0]));
        List<int[]> merged = new ArrayList<>();
        int[] current = words.get(0).clone();
        for (int[] w : words.subList(1, words.size())) {
            if (w[0] <= current[1] + 1) {
                current[1] = Math.max(current[1], w[1]);
                current[3] = Math.max(current[3], w[3]);
            } else {
                merged.add(new int[] {current[2], current[3]});
                current = w.clone();
            }
        }
        merged.add(new int[] {current[2], current[3]});
        return merged;
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
        List<Evidence> both = new ArrayList<>(first.evidence);
        second.evidence.forEach(e -> SpanTexts.addOnce(both, e));
        return new Hit(first.getQueryId(), first.query, both);
    }

    /** Turns a matched query's spans into evidence. */
    interface Evidences {
        /** The evidence of the spans, each piece once. */
        List<Evidence> of(ClauseAttribution.Clauses clauses, List<MatchedSpan> spans);
    }
}
