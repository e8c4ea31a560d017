package org.advocacyalerts.dispatcher.match;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.advocacyalerts.dispatcher.store.ReceivedStatementStore;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.TopicMonitor;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Statement;

/** Runs a query, saved or not, over the statements of the last days: what it would have alerted. */
@ApplicationScoped
public class Backtester {

    /** A backtest reads at most this many statements (the newest), so it answers in seconds. */
    static final int MAX_STATEMENTS = 5000;

    /** Statements read from the database at a time. */
    static final int PAGE = 100;

    /** One statement the query matches, with why. */
    public record Hit(
            UUID statementId,
            String title,
            String url,
            String sourceId,
            Instant publishedAt,
            List<Evidence> evidence) {}

    /** The outcome: hits newest first, alerts per day (UTC) of publication, and the daily average. */
    public record Result(
            String query,
            int days,
            int statementsChecked,
            boolean truncated,
            List<Hit> hits,
            Map<LocalDate, Integer> alertsPerDay,
            double expectedAlertsPerDay) {}

    private final ReceivedStatementStore statements;
    private final Clock clock;

    Backtester(ReceivedStatementStore statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    public Result run(CompiledQuery query, int days) {
        Instant since = clock.instant().minus(Duration.ofDays(days));
        List<Hit> hits = new ArrayList<>();
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        int checked = 0;
        boolean truncated = false;
        Statement last = null;
        while (true) {
            // One page in memory at a time: statements carry up to 512 KiB of text each.
            List<Statement> page = statements.publishedSince(since, last, PAGE);
            for (Statement s : page) {
                if (checked == MAX_STATEMENTS) {
                    truncated = true;
                    break;
                }
                checked++;
                TopicMonitor.evidenceOf(query, TopicRegistry.text(s)).ifPresent(evidence -> {
                    hits.add(new Hit(s.id(), s.title(), s.url(), s.sourceId(), s.publishedAt(), evidence));
                    perDay.merge(LocalDate.ofInstant(s.publishedAt(), ZoneOffset.UTC), 1, Integer::sum);
                });
            }
            if (truncated || page.size() < PAGE) {
                break;
            }
            last = page.get(page.size() - 1);
        }
        hits.sort((a, b) -> b.publishedAt().compareTo(a.publishedAt()));
        return new Result(query.source(), days, checked, truncated, hits, perDay, (double) hits.size() / days);
    }
}
