package org.advocacyalerts.dispatcher.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Gauges of the deliveries waiting: how many alerts are due and since when the oldest has been due.
 * Read from PostgreSQL every {@value #REFRESH} by one query rather than on every scrape; the age is
 * computed at scrape time. While the database is unreachable the last values stay (readiness says why).
 */
@ApplicationScoped
public class BacklogGauges {

    static final String REFRESH = "15s";

    private final DataSource dataSource;
    private final AlertStore alerts;
    private final Clock clock;

    private volatile AlertStore.DueBacklog backlog = new AlertStore.DueBacklog(0, null);

    BacklogGauges(DataSource dataSource, AlertStore alerts, Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.clock = clock;
        Gauge.builder("advocacy.deliveries.due", () -> backlog.due())
                .description("Alerts due for delivery (first attempts and retries), claimed or not")
                .register(registry);
        Gauge.builder("advocacy.deliveries.oldest.due.age", this::oldestDueSeconds)
                .description("How long the oldest due alert has waited (0 when none is due)")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = REFRESH, delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            backlog = Jdbc.inTransaction(dataSource, c -> alerts.dueBacklog(c, clock.instant()));
        } catch (RuntimeException e) {
            Log.debugf("delivery backlog gauges not refreshed: %s", e.getMessage());
        }
    }

    private double oldestDueSeconds() {
        Instant at = backlog.oldestDueAt();
        return at == null
                ? 0
                : Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
    }
}
