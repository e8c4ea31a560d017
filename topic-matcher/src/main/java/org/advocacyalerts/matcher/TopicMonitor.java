package org.advocacyalerts.matcher;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.advocacyalerts.model.Evidence;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryDecomposer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Every registered query, held in a Lucene Monitor with a term-filtered presearcher: a statement is
 * checked only against the queries filed under a word it holds or, for a query needing two words, a
 * pair of them (and the few that ask for no word at all; see {@link PairPresearcher}). Evidence is
 * computed afterwards for the queries that matched, so the hot path pays for it only when there is
 * something to show.
 * Thread-safe: matching and registering may run concurrently.
 */
public final class TopicMonitor implements Closeable {

    /** Queries per Monitor registration call; bounds the memory a full rebuild needs. */
    static final int REGISTER_CHUNK = 200;

    private static final System.Logger LOG = System.getLogger(TopicMonitor.class.getName());

    /** No numbered term, never written: a query that is not registered is labelled by its strings. */
    private static final TermIds NO_TERMS = new TermIds();

    private final Monitor monitor;
    /** The terms this monitor's queries ask about, numbered; they go when the monitor goes. */
    private final TermIds ids = new TermIds();

    private final Map<String, CompiledQuery> queries = new ConcurrentHashMap<>();
    /** Run queries of words, phrases and booleans by their {@link DirectPlan} (false only in tests). */
    private final boolean direct;

    public TopicMonitor() {
        this(Map.of());
    }

    /**
     * With {@code termFrequencies} (how many statements of a corpus contain each term), the presearcher
     * files each query under its rarest words, so a statement becomes a candidate for far fewer queries
     * than when words are weighed by length alone.
     */
    public TopicMonitor(Map<String, Integer> termFrequencies) {
        this(termFrequencies, true);
    }

    /** With {@code direct} false every query runs as a Lucene query: the reference in tests. */
    TopicMonitor(Map<String, Integer> termFrequencies, boolean direct) {
        this.direct = direct;
        try {
            monitor = new Monitor(Analysis.matching(ids), new PairPresearcher(termFrequencies, ids), configuration);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the in-memory query index", e);
        }
    }

    /**
     * The Monitor's configuration, holding on to the query index's writer. Every registration call
     * commits a segment, and the presearcher's query looks each of a statement's words and pairs up in
     * every segment, then reads each candidate's ids from its segment: after a bulk registration the index
     * is merged into one segment, so that each word is looked up once.
     */
    private static final class Configuration extends MonitorConfiguration {
        private volatile IndexWriter writer;

        Configuration() {
            // Queries are kept whole: the Monitor would split every disjunction into separate entries
            // ("Lachin OR Stepanakert" into one per word, field and stemming), which triples the entries
            // held for 100,000 queries and runs a matching query once per matching part. The presearcher
            // indexes a disjunction under all its terms either way, so candidates are the same.
            setQueryDecomposer(new QueryDecomposer() {
                @Override
                public Set<Query> decompose(Query query) {
                    return Set.of(query);
                }
            });
        }

        @Override
        public IndexWriter buildIndexWriter() throws IOException {
            writer = super.buildIndexWriter();
            return writer;
        }

        /** Merges the query index into one segment; matching goes on meanwhile on the segments before. */
        void mergeIntoOne(Monitor monitor) {
            try {
                writer.forceMerge(1);
                monitor.register(List.of()); // commits and opens the merged index for the next statements
            } catch (IOException e) {
                throw new UncheckedIOException("cannot merge the query index", e);
            }
        }
    }

    private final Configuration configuration = new Configuration();

    public void register(String id, CompiledQuery query) {
        register(Map.of(id, query));
    }

    /**
     * Adds or replaces queries, in chunks: the Monitor builds every query of a call in memory before it
     * writes them (about 32 KB per disjunct), so 10,000 queries in one call would need gigabytes. A
     * query registered unchanged under the same id is left as it is: a reload of every subscription
     * after one of them changed rewrites one entry, not 100,000. After more than one chunk the query
     * index is merged into one segment (see {@link Configuration}).
     *
     * @return how many queries were added or replaced
     */
    public int register(Map<String, CompiledQuery> batch) {
        List<MonitorQuery> chunk = new ArrayList<>(REGISTER_CHUNK);
        int changed = 0;
        for (Map.Entry<String, CompiledQuery> entry : batch.entrySet()) {
            if (entry.getValue().equals(queries.get(entry.getKey()))) {
                continue;
            }
            chunk.add(new MonitorQuery(entry.getKey(), new RegisteredQuery(entry.getValue(), ids), null, Map.of()));
            changed++;
            if (chunk.size() == REGISTER_CHUNK) {
                registerChunk(chunk);
                chunk.clear();
            }
        }
        registerChunk(chunk);
        queries.putAll(batch);
        if (changed > REGISTER_CHUNK) {
            configuration.mergeIntoOne(monitor);
        }
        return changed;
    }

    private void registerChunk(List<MonitorQuery> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            monitor.register(chunk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register queries", e);
        }
    }

    public void remove(String id) {
        try {
            monitor.deleteById(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove query " + id, e);
        }
        queries.remove(id);
    }

    public int size() {
        return queries.size();
    }

    /** The query registered under {@code id}, as it was compiled. */
    public Optional<CompiledQuery> registered(String id) {
        return Optional.ofNullable(queries.get(id));
    }

    /** The ids of the registered queries. */
    public Set<String> ids() {
        return Set.copyOf(queries.keySet());
    }

    /** The ids of the queries the statement matches. */
    public Set<String> matchingIds(StatementText statement) {
        Set<String> ids = new LinkedHashSet<>();
        run(statement, false).getMatches().forEach(m -> ids.add(m.getQueryId()));
        return ids;
    }

    /** How the presearcher did on one statement: candidates run, and nanoseconds building and searching. */
    public record Stats(int candidates, int matches, long presearchNanos, long searchNanos) {}

    public Stats stats(StatementText statement) {
        MatchingQueries<EvidenceMatcher.Hit> m = run(statement, false);
        return new Stats(m.getQueriesRun(), m.getMatchCount(), m.getQueryBuildTime(), m.getSearchTime());
    }

    /** The queries the statement matches, each with its evidence. */
    public List<Match> match(StatementText statement) {
        return matchCounting(statement).matches();
    }

    /** What {@link #match} found, and how many candidate queries the presearcher let through to find it. */
    public record Matched(List<Match> matches, int candidates) {}

    /** The queries the statement matches, each with its evidence, and how many candidates ran. */
    public Matched matchCounting(StatementText statement) {
        MatchingQueries<EvidenceMatcher.Hit> found = run(statement, true);
        List<Match> matches = new ArrayList<>(found.getMatchCount());
        for (EvidenceMatcher.Hit hit : found.getMatches()) {
            matches.add(new Match(hit.getQueryId(), EvidenceOrder.ordered(hit.query, hit.evidence)));
        }
        return new Matched(matches, found.getQueriesRun());
    }

    private MatchingQueries<EvidenceMatcher.Hit> run(StatementText statement, boolean withEvidence) {
        MatchingQueries<EvidenceMatcher.Hit> found;
        try {
            found = monitor.match(document(statement), searcher -> {
                if (!withEvidence) {
                    return new EvidenceMatcher(searcher, null, direct, ids);
                }
                SpanTexts texts = new SpanTexts(statement, ids);
                return new EvidenceMatcher(searcher, (clauses, spans) -> texts.evidence(spans, clauses), direct, ids);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("matching failed", e);
        }
        // A query that fails on this statement (it should not) must not hide the others' matches.
        found.getErrors()
                .forEach((id, error) -> LOG.log(System.Logger.Level.WARNING, "query " + id + " failed", error));
        return found;
    }

    /** One query against one statement without registering it (backtests): its evidence, if it matches. */
    public static Optional<List<Evidence>> evidenceOf(CompiledQuery query, StatementText statement) {
        return evidenceOf(List.of(query), statement).get(0);
    }

    /**
     * Several queries against one statement, which is analysed once (its index, sentences and span
     * texts shared): each query's evidence, if it matches, in the order of {@code queries}.
     */
    public static List<Optional<List<Evidence>>> evidenceOf(List<CompiledQuery> queries, StatementText statement) {
        MemoryIndex index = MemoryIndex.fromDocument(document(statement), analyzer(statement), true, false);
        IndexSearcher searcher = index.createSearcher();
        SpanTexts texts = new SpanTexts(statement, NO_TERMS);
        List<Optional<List<Evidence>>> out = new ArrayList<>(queries.size());
        try {
            for (CompiledQuery query : queries) {
                // Matches, not search(): span queries cannot be scored on a field the statement lacks;
                // not count(), which rewrites with Lucene's limit on terms (see EvidenceMatcher#rewritten).
                Weight weight = searcher.createWeight(
                        EvidenceMatcher.rewritten(query.query(), searcher), ScoreMode.COMPLETE_NO_SCORES, 1);
                Matches matches =
                        weight.matches(searcher.getIndexReader().leaves().get(0), 0);
                if (matches == null) {
                    out.add(Optional.empty());
                    continue;
                }
                out.add(Optional.of(EvidenceOrder.ordered(
                        query,
                        texts.evidence(
                                EvidenceMatcher.spans(matches),
                                new ClauseAttribution.Clauses(query.clauses(), NO_TERMS, false)))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("backtest match failed", e);
        }
        return out;
    }

    /** The analyzer that reads a statement's text fields the way {@link #document} does. */
    public static Analyzer analyzer(StatementText statement) {
        return statement.isFrench() ? Analysis.FRENCH_ANALYZER : Analysis.ANALYZER;
    }

    /**
     * The Lucene document the matcher indexes for a statement (public for baselines and tools). A French
     * statement's text fields come analysed (French stemming); read it once, right away.
     */
    public static Document document(StatementText statement) {
        Document doc = new Document();
        if (statement.isFrench()) {
            doc.add(new TextField(Analysis.TITLE, Analysis.FRENCH.tokenStream(Analysis.TITLE, statement.title())));
            doc.add(new TextField(Analysis.BODY, Analysis.FRENCH.tokenStream(Analysis.BODY, statement.body())));
        } else {
            doc.add(new TextField(Analysis.TITLE, statement.title(), Field.Store.NO));
            doc.add(new TextField(Analysis.BODY, statement.body(), Field.Store.NO));
        }
        if (statement.sourceId() != null) {
            doc.add(new TextField(Analysis.SOURCE, statement.sourceId(), Field.Store.NO));
        }
        doc.add(new TextField(
                Analysis.LANGUAGE, statement.language() == null ? "en" : statement.language(), Field.Store.NO));
        return doc;
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
