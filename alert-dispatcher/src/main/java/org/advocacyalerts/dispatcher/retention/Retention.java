package org.advocacyalerts.dispatcher.retention;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.support.BatchedDelete;

/**
 * Deletes what the dispatcher no longer needs ({@code dispatcher.retention.*}), in small batches: finished
 * alerts (delivered, failed, digested) with their delivery attempts, then the shared bodies no alert uses
 * any more, then statements received longer ago than their period. Pending and held alerts are never
 * deleted, however old (a disabled subscription's alerts wait for its recovery). Any replica may run it;
 * two at once delete the same rows once.
 */
@ApplicationScoped
public class Retention {

    /** What one run deleted. */
    public record Purged(long alerts, long bodies, long statements, long previousSecrets) {}

    private final DataSource dataSource;
    private final DispatcherConfig.Retention config;
    private final Clock clock;

    Retention(DataSource dataSource, DispatcherConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config.retention();
        this.clock = clock;
    }

    @Scheduled(
            every = "${dispatcher.retention.check-interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            Log.warnf("retention did not run (tried again later): %s", e.getMessage());
        }
    }

    public Purged purge() {
        Instant now = clock.instant();
        Instant alertsBefore = now.minus(config.alerts());
        long alerts = BatchedDelete.run(dataSource, """
                DELETE FROM alert WHERE id IN (
                    SELECT id FROM alert
                    WHERE status IN ('delivered', 'failed', 'digested') AND created_at < ?
                    LIMIT %d)""".formatted(BatchedDelete.BATCH), alertsBefore);
        long bodies = BatchedDelete.run(dataSource, """
                DELETE FROM alert_body WHERE id IN (
                    SELECT b.id FROM alert_body b
                    WHERE NOT EXISTS (SELECT 1 FROM alert a WHERE a.body_id = b.id)
                    LIMIT %d)""".formatted(BatchedDelete.BATCH));
        Instant statementsBefore = now.minus(config.statements());
        long statements = BatchedDelete.run(
                dataSource,
                "DELETE FROM statement WHERE id IN (SELECT id FROM statement WHERE received_at < ? LIMIT %d)"
                        .formatted(BatchedDelete.BATCH),
                statementsBefore);
        org.advocacyalerts.support.Jdbc.inTransaction(
                dataSource,
                c -> org.advocacyalerts.support.Jdbc.update(
                        c, "DELETE FROM confirmation_sent WHERE sent_at < ?", now.minus(java.time.Duration.ofDays(1))));
        // A rotation's previous secret stops signing when its overlap ends; then it is not kept either.
        long previousSecrets = org.advocacyalerts.support.Jdbc.inTransaction(
                dataSource,
                c -> org.advocacyalerts.support.Jdbc.update(
                        c,
                        "UPDATE subscription SET previous_secret = NULL, previous_secret_expires_at = NULL"
                                + " WHERE previous_secret_expires_at < ?",
                        now));
        if (alerts + bodies + statements + previousSecrets > 0) {
            Log.infof(
                    "retention: %d finished alerts from before %s, %d unused bodies, %d statements from before %s"
                            + " deleted; %d previous webhook secrets past their overlap cleared",
                    alerts, alertsBefore, bodies, statements, statementsBefore, previousSecrets);
        }
        return new Purged(alerts, bodies, statements, previousSecrets);
    }
}
