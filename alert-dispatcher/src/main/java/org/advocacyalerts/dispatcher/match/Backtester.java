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
import org.advocacyalerts.dispatcher.store.StatementStore;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.TopicMonitor;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Statement;

/** Runs a query, saved or not, over the statements of the last days: what it would have alerted. */
@ApplicationScoped
public class Backtester {

    /** A backtest reads at most this many statements (the newest), so it answers in seconds. */
    static final int MAX_STATEMENTS = 5000;

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

    private final StatementStore statements;
    private final Clock clock;

    Backtester(StatementStore statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    public Result run(CompiledQuery query, int days) {
        List<Statement> recent =
                statements.publishedSince(clock.instant().minus(Duration.ofDays(days)), MAX_STATEMENTS + 1);
        boolean truncated = recent.size() > MAX_STATEMENTS;
        List<Statement> checked = truncated ? recent.subList(0, MAX_STATEMENTS) : recent;
        List<Hit> hits = new ArrayList<>();
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        for (Statement s : checked) {
            TopicMonitor.evidenceOf(query, TopicRegistry.text(s)).ifPresent(evidence -> {
                hits.add(new Hit(s.id(), s.title(), s.url(), s.sourceId(), s.publishedAt(), evidence));
                perDay.merge(LocalDate.ofInstant(s.publishedAt(), ZoneOffset.UTC), 1, Integer::sum);
            });
        }
        hits.sort((a, b) -> b.publishedAt().compareTo(a.publishedAt()));
        return new Result(query.source(), days, checked.size(), truncated, hits, perDay, (double) hits.size() / days);
    }
}
