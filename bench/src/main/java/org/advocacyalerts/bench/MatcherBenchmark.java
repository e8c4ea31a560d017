package org.advocacyalerts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advocacyalerts.matcher.Analysis;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.QueryCompiler;
import org.advocacyalerts.matcher.QueryLimits;
import org.advocacyalerts.matcher.StatementText;
import org.advocacyalerts.matcher.TermStatistics;
import org.advocacyalerts.matcher.Thesaurus;
import org.advocacyalerts.matcher.TopicMonitor;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;

/**
 * {@code bench/run matcher}: statements of 2-10 KB built from the eval texts against 1,000 / 10,000 /
 * 100,000 synthetic queries (phrases, ANDs, proximity, wildcards, about 10 % with NOT), with evidence;
 * beside it, in the same run, the naive way: every query evaluated one by one on a MemoryIndex.
 */
public final class MatcherBenchmark {

    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

    // Diagnostics, as -D options in BENCH_JAVA_OPTS; the defaults are what the dispatcher does.
    /** Weigh presearcher terms by their frequency in the eval texts, as the dispatcher does with its statements. */
    static final boolean FREQUENCIES = !Boolean.getBoolean("bench.no-term-frequencies");

    /** Compute evidence for every match (off: only which queries matched, to see what evidence costs). */
    static final boolean EVIDENCE = !Boolean.getBoolean("bench.no-evidence");

    /**
     * The most texts (per mille) a query word may occur in. 10 (1 %): a query matches about 0.1 % of
     * statements, as the shipped topics do on a general stream; raise it for broader, costlier queries.
     */
    static final int MAX_DF_PERMILLE = Integer.getInteger("bench.max-df-permille", 10);

    /**
     * Cut queries from the very texts the statements are made of (the old, heavier mix: every phrase then
     * matches each statement holding its text, about 370 matches per statement at 100,000 queries).
     */
    static final boolean SAME_TEXTS = Boolean.getBoolean("bench.same-texts");

    /** This many most frequent words are function words and boilerplate: a phrase needs more than these. */
    static final int COMMON = 300;

    private static Set<String> common = Set.of();

    /** Statements matched at once, by as many threads: the dispatcher's consumers (default: one per core). */
    static final int THREADS =
            Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());

    // bench.stats=true prints presearcher candidates per statement; bench.kind=N forces one query kind.

    /** The specific vocabulary, for phrases (set once in main). */
    private static Set<String> specific = Set.of();

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        int[] sizes = Arrays.stream(
                        options.getOrDefault("sizes", "1000,10000,100000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int docCount = Integer.parseInt(options.getOrDefault("docs", "3000"));
        Random random = new Random(20261128);

        List<String> texts = new ArrayList<>();
        for (String file : List.of("wh_armenia_azerbaijan.jsonl", "wh_negatives_sample.jsonl")) {
            EvalData.read(EvalData.dir().resolve(file)).forEach(d -> texts.add(d.title() + "\n" + d.text()));
        }
        // Queries are written from texts the statements are not made of, as subscribers write them before
        // a statement exists: they match where its wording recurs, not because they were cut from it.
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, random);
        List<String> statementTexts = SAME_TEXTS ? texts : shuffled.subList(0, shuffled.size() / 2);
        List<String> queryTexts = SAME_TEXTS ? texts : shuffled.subList(shuffled.size() / 2, shuffled.size());
        List<StatementText> docs = statements(statementTexts, docCount, random);
        Map<String, Integer> termFrequencies = TermStatistics.documentFrequencies(texts);
        List<String> vocabulary = vocabulary(texts, termFrequencies);
        specific = new HashSet<>(vocabulary);
        System.err.printf(
                "[bench] %d statements (%d KB average), vocabulary %d words, %d matching threads%n",
                docs.size(),
                docs.stream().mapToInt(d -> d.body().length()).sum() / docs.size() / 1024,
                vocabulary.size(),
                THREADS);

        System.out.printf(
                "%9s %10s %9s %8s %8s %10s %8s %9s%n",
                "queries", "register_s", "docs/s", "p50_ms", "p99_ms", "naive/s", "speedup", "heap_mb");
        Map<String, Integer> frequencies = FREQUENCIES ? termFrequencies : Map.of();
        // --topics seeds/topics: the default topics beside the queries, as the dispatcher holds them.
        Map<String, CompiledQuery> topics = new TreeMap<>();
        if (options.containsKey("topics")) {
            try {
                TopicQuality.topics(Path.of(options.get("topics")))
                        .forEach((id, topic) -> topics.put("topic:" + id, topic.query()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the topics of " + options.get("topics"), e);
            }
            System.err.printf("[bench] %d topics beside the queries: %s%n", topics.size(), topics.keySet());
            // The baseline's searcher counts a topic's terms (border: more than 1,024); the Monitor never does.
            IndexSearcher.setMaxClauseCount(100_000);
        }
        String result = null;
        for (int size : sizes) {
            result = run(size, docs, queryTexts, vocabulary, frequencies, topics, new Random(size));
        }
        System.out.println(result);
    }

    private static String run(
            int size,
            List<StatementText> docs,
            List<String> texts,
            List<String> vocabulary,
            Map<String, Integer> frequencies,
            Map<String, CompiledQuery> topics,
            Random random) {
        QueryCompiler compiler = new QueryCompiler(QueryLimits.SUBSCRIPTIONS);
        List<CompiledQuery> queries = new ArrayList<>(size + topics.size());
        for (int i = 0; i < size; i++) {
            queries.add(compiler.compile(query(texts, vocabulary, random), Thesaurus.EMPTY));
        }
        try (TopicMonitor monitor = new TopicMonitor(frequencies)) {
            monitor.register(topics);
            queries.addAll(topics.values()); // the baseline searches them too
            long registerStart = System.nanoTime();
            Map<String, CompiledQuery> batch = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                batch.put("q" + i, queries.get(i));
                if (batch.size() == 10_000 || i == size - 1) {
                    monitor.register(batch);
                    batch = new LinkedHashMap<>();
                }
            }
            double registerSeconds = (System.nanoTime() - registerStart) / 1e9;

            // Warm-up as the service runs: compiled code and a heap settled for the load, by as many
            // threads. Every statement once: after the queries fill the old generation, the parallel
            // collector's young pauses stay at 12-27 ms for its next ~17 collections (2-5 ms after), which
            // a running service sees only in its first seconds after a rebuild; 500 statements warmed up
            // the code but measured those pauses.
            inParallel(docs.size(), i -> monitor.match(docs.get(i)).size());
            long[] latencies = new long[docs.size()];
            long start = System.nanoTime();
            long matched = inParallel(docs.size(), i -> {
                long t = System.nanoTime();
                int found = EVIDENCE
                        ? monitor.match(docs.get(i)).size()
                        : monitor.matchingIds(docs.get(i)).size();
                latencies[i] = System.nanoTime() - t;
                return found;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            double docsPerSecond = docs.size() / seconds;
            Arrays.sort(latencies);
            double p50 = latencies[latencies.length / 2] / 1e6;
            double p99 = latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6;
            long heapMb = heapUsedMb();

            if (Boolean.getBoolean("bench.stats")) {
                long candidates = 0, build = 0, search = 0, hits = 0;
                for (int i = 0; i < 100; i++) {
                    TopicMonitor.Stats st = monitor.stats(docs.get(i));
                    candidates += st.candidates();
                    hits += st.matches();
                    build += st.presearchNanos();
                    search += st.searchNanos();
                }
                System.err.printf(
                        "[bench] per doc: %d candidates, %d matches, presearch %.2f ms, search %.2f ms%n",
                        candidates / 100, hits / 100, build / 100 / 1e6, search / 100 / 1e6);
            }
            double naivePerSecond = naive(queries, docs, Math.max(5, Math.min(docs.size(), 2_000_000 / size)));
            System.out.printf(
                    Locale.ROOT,
                    "%9d %10.1f %9.0f %8.2f %8.2f %10.1f %7.1fx %9d   (%.1f matches/doc)%n",
                    size,
                    registerSeconds,
                    docsPerSecond,
                    p50,
                    p99,
                    naivePerSecond,
                    docsPerSecond / naivePerSecond,
                    heapMb,
                    (double) matched / docs.size());
            return String.format(
                    Locale.ROOT,
                    "RESULT matcher queries=%d docs_per_s=%.0f p50_ms=%.2f p99_ms=%.2f naive_docs_per_s=%.1f speedup=%.1f heap_mb=%d matches_per_doc=%.0f threads=%d topics=%d",
                    size,
                    docsPerSecond,
                    p50,
                    p99,
                    naivePerSecond,
                    docsPerSecond / naivePerSecond,
                    heapMb,
                    (double) matched / docs.size(),
                    THREADS,
                    topics.size());
        }
    }

    /** The baseline: one MemoryIndex per statement, every query searched on it in turn (as many threads). */
    private static double naive(List<CompiledQuery> queries, List<StatementText> docs, int sample) {
        long start = System.nanoTime();
        long hits = inParallel(sample, i -> {
            MemoryIndex index = MemoryIndex.fromDocument(
                    TopicMonitor.document(docs.get(i)), TopicMonitor.analyzer(docs.get(i)), true, false);
            int found = 0;
            for (CompiledQuery query : queries) {
                if (index.search(query.query()) > 0) {
                    found++;
                }
            }
            return found;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("[bench] naive: %d statements, %.1f matches each%n", sample, (double) hits / sample);
        return sample / seconds;
    }

    /**
     * Statements 0..count-1 spread over {@link #THREADS} workers, as the dispatcher's consumers share
     * them; returns the sum of what each returned.
     */
    private static long inParallel(int count, IntUnaryOperator work) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    total.addAndGet(work.applyAsInt(i));
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return total.get();
    }

    /** Statements of 2-10 KB cut from the texts at line boundaries, as long official statements read. */
    static List<StatementText> statements(List<String> texts, int count, Random random) {
        List<StatementText> docs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int target = 2048 + random.nextInt(8 * 1024);
            StringBuilder body = new StringBuilder(target + 1024);
            String title = null;
            while (body.length() < target) {
                String text = texts.get(random.nextInt(texts.size()));
                int from = text.indexOf('\n', random.nextInt(Math.max(1, text.length() / 2))) + 1;
                String part = text.substring(from, Math.min(text.length(), from + target - body.length()));
                if (title == null) {
                    title = text.substring(0, Math.max(0, text.indexOf('\n')));
                }
                body.append(part).append('\n');
            }
            docs.add(new StatementText(title, body.toString(), "en", "bench"));
        }
        return docs;
    }

    /**
     * The words topics are written with: names of places, people, laws and events, which occur in few
     * statements. By document frequency: seen in at least 2 texts and at most {@link #MAX_DF_PERMILLE}
     * per mille of them, counting every inflection the matcher's stemming finds (so "deterrents" is as
     * common as "deterrent"). The most frequent words ({@link #COMMON}) are kept apart: phrases may hold
     * them, never only them.
     */
    static List<String> vocabulary(List<String> texts, Map<String, Integer> termFrequencies) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (String text : texts) {
            Set<String> seen = new HashSet<>();
            Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                seen.add(m.group());
            }
            seen.forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
        }
        List<String> byFrequency = documentFrequency.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
        common = new HashSet<>(byFrequency.subList(0, Math.min(COMMON, byFrequency.size())));
        int maxDf = Math.max(2, texts.size() * MAX_DF_PERMILLE / 1000);
        return byFrequency.stream()
                .filter(w -> documentFrequency.get(w) >= 2 && matcherFrequency(w, termFrequencies) <= maxDf)
                .toList();
    }

    /** In how many texts the matcher finds a word: its most frequent analysed term (exact or stemmed). */
    private static int matcherFrequency(String word, Map<String, Integer> termFrequencies) {
        int most = 0;
        try (TokenStream stream = Analysis.ANALYZER.tokenStream(Analysis.BODY, word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                most = Math.max(most, termFrequencies.getOrDefault(term.toString(), 0));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return most;
    }

    /** One query of the mix: 35 % phrases, 25 % AND, 15 % proximity, 10 % wildcard, 10 % NOT, 5 % OR. */
    static String query(List<String> texts, List<String> vocabulary, Random random) {
        int forced = Integer.getInteger("bench.kind", -1); // diagnostics: only one kind of query
        int kind = forced >= 0 ? forced : random.nextInt(100);
        if (kind < 35) {
            return "\"" + phrase(texts, random, 2 + random.nextInt(2)) + "\"";
        }
        if (kind < 60) {
            List<String> together = together(texts, random, 2 + random.nextInt(2));
            return String.join(" AND ", together);
        }
        if (kind < 75) {
            return "\"" + nearPair(texts, random) + "\"~" + (2 + random.nextInt(8));
        }
        if (kind < 85) {
            List<String> together = together(texts, random, 2);
            String w = together.get(0);
            // As people truncate: a stem that still names the thing ("detain*", "Karabak*").
            return w.substring(0, Math.max(5, w.length() - 3)) + "* AND " + together.get(1);
        }
        if (kind < 95) {
            return "(" + word(vocabulary, random) + " OR \"" + phrase(texts, random, 2) + "\") NOT "
                    + word(vocabulary, random);
        }
        return word(vocabulary, random) + " OR " + word(vocabulary, random) + " OR " + word(vocabulary, random);
    }

    /**
     * Specific words that occur together in one real text (the first at least 6 letters long), as the
     * words of one AND query do.
     */
    private static List<String> together(List<String> texts, Random random, int count) {
        while (true) {
            String text = texts.get(random.nextInt(texts.size()));
            Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
            List<String> found = new ArrayList<>();
            while (m.find()) {
                if (specific.contains(m.group()) && !found.contains(m.group())) {
                    found.add(m.group());
                }
            }
            Collections.shuffle(found, random);
            found.sort(Comparator.comparing((String w) -> w.length() < 6)); // stable: a long word first
            if (found.size() >= count && found.get(0).length() >= 6) {
                return found.subList(0, count);
            }
        }
    }

    private static String word(List<String> vocabulary, Random random) {
        return vocabulary.get(random.nextInt(vocabulary.size()));
    }

    /**
     * Two words that stand within five words of each other in a real text, one of them specific, neither
     * a function word ("release ... detainees"): what a proximity query pairs.
     */
    private static String nearPair(List<String> texts, Random random) {
        while (true) {
            String text = texts.get(random.nextInt(texts.size()));
            Matcher m = WORD.matcher(text);
            List<String> words = new ArrayList<>();
            while (m.find()) {
                words.add(m.group());
            }
            for (int i = random.nextInt(Math.max(1, words.size())); i < words.size(); i++) {
                String first = words.get(i).toLowerCase(Locale.ROOT);
                if (!specific.contains(first)) {
                    continue;
                }
                for (int j = i + 2; j < Math.min(words.size(), i + 6); j++) {
                    if (!common.contains(words.get(j).toLowerCase(Locale.ROOT))) {
                        return words.get(i) + " " + words.get(j);
                    }
                }
            }
        }
    }

    /** Consecutive words from a real text, at least one of them specific, as a phrase people would follow. */
    private static String phrase(List<String> texts, Random random, int words) {
        while (true) {
            String text = texts.get(random.nextInt(texts.size()));
            Matcher m = WORD.matcher(text);
            int skip = random.nextInt(400);
            List<String> window = new ArrayList<>();
            while (m.find()) {
                if (skip-- > 0) {
                    continue;
                }
                window.add(m.group());
                if (window.size() > words) {
                    window.remove(0);
                }
                if (window.size() == words
                        && window.stream().anyMatch(w -> specific.contains(w.toLowerCase(Locale.ROOT)))) {
                    return String.join(" ", window);
                }
            }
        }
    }

    private static long heapUsedMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
