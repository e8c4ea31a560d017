package org.advocacyalerts.dispatcher.match;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.metrics.DispatcherMetrics;
import org.advocacyalerts.dispatcher.store.ReceivedStatementStore;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.Match;
import org.advocacyalerts.matcher.NearMisses;
import org.advocacyalerts.matcher.QueryCompiler;
import org.advocacyalerts.matcher.QueryLimits;
import org.advocacyalerts.matcher.StatementText;
import org.advocacyalerts.matcher.TermStatistics;
import org.advocacyalerts.matcher.Thesaurus;
import org.advocacyalerts.matcher.TopicMonitor;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.TopicMatch;

/**
 * The current matcher: every topic's query and every subscription's own query in one Lucene Monitor,
 * built from PostgreSQL at start and updated within about a second when any replica changes a topic or
 * a subscription with a query (each replica checks their versions, {@link #startChecking}).
 * Matching waits for the first build, so no statement is matched against an empty topic list.
 */
@ApplicationScoped
public class TopicRegistry {

    /** Start-up seeds a handful of topics; far longer means the database is down. */
    private static final long FIRST_BUILD_TIMEOUT_SECONDS = 60;

    private static final String SUBSCRIPTION_PREFIX = Subscription.QUERY_ID_PREFIX;

    private final TopicStore store;
    private final SubscriptionStore subscriptions;
    private volatile String subscriptionVersion;
    private final QueryCompiler topicCompiler = new QueryCompiler(QueryLimits.TOPICS);
    private final QueryCompiler subscriptionCompiler = new QueryCompiler(QueryLimits.SUBSCRIPTIONS);
    private final CountDownLatch built = new CountDownLatch(1);
    /** Recent statements whose term frequencies guide the presearcher; more adds little. */
    private static final int CORPUS_STATEMENTS = 2000;

    private final ReceivedStatementStore statements;
    private final DispatcherMetrics metrics;
    private final Tracer tracer;
    private final Duration refreshInterval;
    private volatile TopicMonitor monitor;
    private volatile String version;
    /** The topics as last compiled, by id; replaced whole by {@link #reload}, under its lock. */
    private Map<String, CompiledTopic> compiledTopics = Map.of();

    private volatile ScheduledExecutorService checker;

    TopicRegistry(
            TopicStore store,
            SubscriptionStore subscriptions,
            ReceivedStatementStore statements,
            DispatcherMetrics metrics,
            Tracer tracer,
            DispatcherConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.tracer = tracer;
        this.subscriptions = subscriptions;
        this.statements = statements;
        this.refreshInterval = config.topics().refreshInterval();
    }

    /**
     * The Monitor, created at the first build with the term frequencies of the latest statements: each
     * query is then filed under its rarest words (or pairs of them), so a statement is checked against
     * fewer queries.
     */
    private TopicMonitor monitor() {
        if (monitor == null) {
            List<String> corpus = statements.recentTexts(CORPUS_STATEMENTS);
            monitor = new TopicMonitor(TermStatistics.documentFrequencies(corpus));
            Log.infof("matcher weighs query terms by %d recent statement(s)", corpus.size());
        }
        return monitor;
    }

    /**
     * Compiles a topic's query with its aliases, within {@link QueryLimits#TOPICS};
     * {@link org.advocacyalerts.matcher.QuerySyntaxException} if invalid.
     */
    public CompiledQuery compileTopic(String query, List<List<String>> aliases) {
        return topicCompiler.compile(query, new Thesaurus(aliases));
    }

    /**
     * Compiles a subscriber's own query, within the tighter {@link QueryLimits#SUBSCRIPTIONS};
     * {@link org.advocacyalerts.matcher.QuerySyntaxException} if invalid.
     */
    public CompiledQuery compileSubscription(String query) {
        return subscriptionCompiler.compile(query, Thesaurus.EMPTY);
    }

    /**
     * The words of a topic's query that stand for an alias group they do not name first
     * ({@link QueryCompiler#standIns}); {@link org.advocacyalerts.matcher.QuerySyntaxException} if invalid.
     */
    public List<QueryCompiler.StandIn> standIns(String query, List<List<String>> aliases) {
        return topicCompiler.standIns(query, new Thesaurus(aliases));
    }

    /** Why a topic's {@code query} misses a statement: the words of it the statement holds and lacks. */
    public NearMisses nearMisses(String query, List<List<String>> aliases) {
        return new NearMisses(topicCompiler, query, new Thesaurus(aliases));
    }

    /** What a statement matched: topics, and subscriptions' own queries, each with evidence. */
    public record Matches(List<TopicMatch> topics, Map<UUID, List<Evidence>> subscriptionQueries) {

        public boolean isEmpty() {
            return topics.isEmpty() && subscriptionQueries.isEmpty();
        }
    }

    public Matches match(Statement statement) {
        awaitFirstBuild();
        List<TopicMatch> topics = new ArrayList<>();
        Map<UUID, List<Evidence>> queries = new LinkedHashMap<>();
        long started = System.nanoTime();
        Span span = tracer.spanBuilder("match").startSpan();
        TopicMonitor.Matched matched;
        try {
            matched = monitor.matchCounting(text(statement));
            span.setAttribute("advocacy.match.candidates", matched.candidates());
            span.setAttribute("advocacy.match.matched", matched.matches().size());
        } finally {
            span.end();
        }
        metrics.matched(
                Duration.ofNanos(System.nanoTime() - started),
                matched.candidates(),
                matched.matches().size());
        for (Match match : matched.matches()) {
            if (match.queryId().startsWith(SUBSCRIPTION_PREFIX)) {
                queries.put(UUID.fromString(match.queryId().substring(SUBSCRIPTION_PREFIX.length())), match.evidence());
            } else {
                topics.add(new TopicMatch(match.queryId(), match.evidence()));
            }
        }
        return new Matches(topics, queries);
    }

    /**
     * Whether statements are matched against this query now: a topic's id, or a subscription's
     * {@link Subscription#queryId}. A map lookup, where {@link #match} costs what the queries it runs cost
     * (a few milliseconds for each default topic a statement is a candidate of).
     */
    public boolean holds(String queryId) {
        TopicMonitor current = monitor;
        return current != null && current.registered(queryId).isPresent();
    }

    public static StatementText text(Statement statement) {
        return new StatementText(statement.title(), statement.body(), statement.language(), statement.sourceId());
    }

    /**
     * Brings the subscriptions' own queries up to date with the database. A subscription's query is never
     * edited, so only the ones the matcher does not hold yet are compiled: compiling all of them made each
     * reload take 0.6 s at 10,000 queries, 0.14 s now ({@code bench/run delivery}, bench/README).
     */
    public synchronized void reloadSubscriptionQueries() {
        long started = System.nanoTime();
        String current = subscriptions.queryVersion();
        TopicMonitor target = monitor();
        Map<String, CompiledQuery> compiled = new LinkedHashMap<>();
        int compiledNow = 0;
        for (Subscription subscription : subscriptions.withQueries()) {
            String id = Subscription.queryId(subscription.id());
            Optional<CompiledQuery> known =
                    target.registered(id).filter(q -> q.source().equals(subscription.query()));
            if (known.isPresent()) {
                compiled.put(id, known.get());
                continue;
            }
            try {
                compiled.put(id, compileSubscription(subscription.query()));
                compiledNow++;
            } catch (RuntimeException e) {
                Log.errorf("subscription %s: its query is not matched (%s)", subscription.id(), e.getMessage());
            }
        }
        int changed = target.register(compiled);
        List<String> removed = target.ids().stream()
                .filter(id -> id.startsWith(SUBSCRIPTION_PREFIX) && !compiled.containsKey(id))
                .toList();
        removed.forEach(target::remove);
        Log.infof(
                "subscription queries: %d matched, %d compiled, %d added or changed, %d removed, in %d ms",
                compiled.size(), compiledNow, changed, removed.size(), (System.nanoTime() - started) / 1_000_000);
        subscriptionVersion = current;
    }

    /**
     * Brings the matcher's topics up to date with the database; returns the number of topics in it. Only
     * a topic whose query or aliases changed is compiled again: compiling every topic made each reload
     * take 360-840 ms with the six default topics and a few more (MatchApiTest's log, two cores), long
     * enough for a change made on another replica to wait past two seconds; a reload that compiles one
     * takes 13-51 ms (TopicRefreshTest's log).
     */
    public synchronized int reload() {
        long started = System.nanoTime();
        String current = store.version();
        Map<String, CompiledTopic> next = new LinkedHashMap<>();
        int compiledNow = 0;
        for (Topic topic : store.all()) {
            CompiledTopic known = compiledTopics.get(topic.id());
            if (known != null && known.compiledFrom(topic)) {
                next.put(topic.id(), known);
                continue;
            }
            try {
                next.put(
                        topic.id(),
                        new CompiledTopic(
                                topic.query(), topic.aliases(), compileTopic(topic.query(), topic.aliases())));
                compiledNow++;
            } catch (RuntimeException e) {
                // Stored queries were validated when written; a newer, stricter parser may still refuse one.
                Log.errorf("topic %s is not matched: its query is invalid (%s)", topic.id(), e.getMessage());
            }
        }
        Map<String, CompiledQuery> compiled = new LinkedHashMap<>();
        next.forEach((id, topic) -> compiled.put(id, topic.query()));
        // Update in place: the Monitor matches and registers concurrently, so matching never pauses.
        TopicMonitor target = monitor();
        int changed = target.register(compiled);
        List<String> removed = target.ids().stream()
                .filter(id -> !id.startsWith(SUBSCRIPTION_PREFIX) && !compiled.containsKey(id))
                .toList();
        removed.forEach(target::remove);
        compiledTopics = next;
        version = current;
        Log.infof(
                "topics: %d matched, %d compiled, %d added or changed, %d removed, in %d ms",
                compiled.size(), compiledNow, changed, removed.size(), (System.nanoTime() - started) / 1_000_000);
        if (subscriptionVersion == null) {
            reloadSubscriptionQueries();
        }
        built.countDown();
        return compiled.size();
    }

    /** A topic's compiled query and what it was compiled from. */
    private record CompiledTopic(String source, List<List<String>> aliases, CompiledQuery query) {

        boolean compiledFrom(Topic topic) {
            return source.equals(topic.query()) && aliases.equals(topic.aliases());
        }
    }

    /**
     * Checks for changes made on other replicas on a thread of its own, {@code refresh-interval} after the
     * end of the check before. Quarkus' {@code @Scheduled(every = "1s")} did this before and let a change
     * wait 2 s and more: its scheduler looks at its triggers once a second and counts the interval from
     * the whole second of the last run, so a look a few milliseconds late skips the next run (a
     * MatchApiTest run saw a change 2.08 s after it was made); nor does it run anything more often.
     */
    void startChecking(@Observes StartupEvent event) {
        long every = Math.max(1, refreshInterval.toMillis());
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "topic-refresh");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::refreshIfChanged, every, every, TimeUnit.MILLISECONDS);
    }

    void stopChecking(@Observes ShutdownEvent event) {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    void refreshIfChanged() {
        if (built.getCount() > 0) {
            return; // the start-up build has not happened yet
        }
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            // Thrown out of the task, it would end the checks for good: this replica would go stale.
            Log.warnf("cannot check topics for changes: %s", e.getMessage());
        }
    }

    /**
     * Reloads what changed since the last load, versions read under the lock: a reload under way on a
     * request thread (an API change) is waited for, not repeated.
     */
    private synchronized void reloadIfChanged() {
        if (!store.version().equals(version)) {
            reload();
        }
        if (!subscriptions.queryVersion().equals(subscriptionVersion)) {
            reloadSubscriptionQueries();
        }
    }

    private void awaitFirstBuild() {
        try {
            if (!built.await(FIRST_BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("topics were not loaded within " + FIRST_BUILD_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics", e);
        }
    }
}
