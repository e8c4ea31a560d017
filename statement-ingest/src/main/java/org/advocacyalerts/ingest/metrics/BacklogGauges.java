package org.advocacyalerts.ingest.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.store.OutboxStore;
import org.advocacyalerts.ingest.store.SourceStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Gauges of what waits: the outbox (events not yet on Kafka, the age of the oldest, events Kafka
 * refused) and, per source, how long it has been failing. Read from PostgreSQL every
 * {@value #REFRESH} by one query each rather than on every scrape; ages are computed at scrape time
 * from the instants read. While the database is unreachable the last values stay (readiness says why).
 */
@ApplicationScoped
public class BacklogGauges {

    static final String REFRESH = "15s";

    private final DataSource dataSource;
    private final OutboxStore outbox;
    private final SourceStore sources;
    private final Clock clock;
    private final MultiGauge failing;

    private volatile OutboxStore.Backlog backlog = new OutboxStore.Backlog(0, null, 0);
    private volatile Map<String, Optional<Instant>> failingSince = Map.of();

    BacklogGauges(DataSource dataSource, OutboxStore outbox, SourceStore sources, Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.sources = sources;
        this.clock = clock;
        Gauge.builder("advocacy.outbox.pending", () -> backlog.pending())
                .description("Outbox events not yet published to Kafka")
                .register(registry);
        Gauge.builder("advocacy.outbox.oldest.age", () -> secondsSince(backlog.oldestPendingAt()))
                .description("Age of the oldest outbox event not yet published (0 when none waits)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("advocacy.outbox.failed", () -> backlog.failed())
                .description("Outbox events Kafka refused for good (GET /api/outbox/failed)")
                .register(registry);
        failing = MultiGauge.builder("advocacy.source.failing")
                .description("How long each source has been failing: since its last success (0 while healthy)")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = REFRESH, delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            backlog = Jdbc.inTransaction(dataSource, outbox::backlog);
            Map<String, Optional<Instant>> now = sources.failingSince();
            if (!now.keySet().equals(failingSince.keySet())) {
                failing.register(
                        now.keySet().stream()
                                .map(id -> MultiGauge.Row.of(Tags.of("source", id), this, g -> g.failingSeconds(id)))
                                .toList(),
                        true);
            }
            failingSince = now;
        } catch (RuntimeException e) {
            Log.debugf("backlog gauges not refreshed: %s", e.getMessage());
        }
    }

    private double failingSeconds(String source) {
        return failingSince
                .getOrDefault(source, Optional.empty())
                .map(this::secondsSince)
                .orElse(0.0);
    }

    private double secondsSince(Instant at) {
        return at == null
                ? 0
                : Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
    }
}
