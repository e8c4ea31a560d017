package org.advocacyalerts.dispatcher.retention;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.ConfirmationStore;
import org.advocacyalerts.dispatcher.store.ReceivedStatementStore;
import org.advocacyalerts.dispatcher.store.SecretStore;
import org.advocacyalerts.support.BatchedDelete;
import org.advocacyalerts.support.Jdbc;

/**
 * Deletes what the dispatcher no longer needs ({@code dispatcher.retention.*}), in small batches: finished
 * alerts (delivered, failed, digested) with their delivery attempts, then the shared bodies no alert uses
 * any more, then statements received longer ago than their period. Pending and held alerts are never
 * deleted, however old (a disabled subscription's alerts wait for its recovery). Any replica may run it;
 * two at once delete the same rows once.
 */
@ApplicationScoped
public class Retention {

    private static final int BATCH = BatchedDelete.BATCH;

    /** What one run deleted. */
    public record Purged(long alerts, long bodies, long statements, long previousSecrets) {}

    private final DataSource dataSource;
    private final DispatcherConfig.Retention config;
    private final Clock clock;
    private final AlertStore alerts;
    private final ReceivedStatementStore statements;
    private final ConfirmationStore confirmations;
    private final SecretStore secrets;

    Retention(
            DataSource dataSource,
            DispatcherConfig config,
            Clock clock,
            AlertStore alerts,
            ReceivedStatementStore statements,
            ConfirmationStore confirmations,
            SecretStore secrets) {
        this.dataSource = dataSource;
        this.config = config.retention();
        this.clock = clock;
        this.alerts = alerts;
        this.statements = statements;
        this.confirmations = confirmations;
        this.secrets = secrets;
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
        long alerts = BatchedDelete.run(dataSource, c -> this.alerts.deleteFinishedBefore(c, alertsBefore, BATCH));
        long bodies = BatchedDelete.run(dataSource, c -> this.alerts.deleteUnusedBodies(c, BATCH));
        Instant statementsBefore = now.minus(config.statements());
        long statements =
                BatchedDelete.run(dataSource, c -> this.statements.deleteReceivedBefore(c, statementsBefore, BATCH));
        // The hourly confirmation limit looks back one hour; a day of sends is kept.
        Jdbc.inTransaction(dataSource, c -> confirmations.forgetSentBefore(c, now.minus(Duration.ofDays(1))));
        // A rotation's previous secret stops signing when its overlap ends; then it is not kept either.
        long previousSecrets = Jdbc.inTransaction(dataSource, c -> secrets.dropPreviousExpiredBefore(c, now));
        if (alerts + bodies + statements + previousSecrets > 0) {
            Log.infof(
                    "retention: %d finished alerts from before %s, %d unused bodies, %d statements from before %s"
                            + " deleted; %d previous webhook secrets past their overlap cleared",
                    alerts, alertsBefore, bodies, statements, statementsBefore, previousSecrets);
        }
        return new Purged(alerts, bodies, statements, previousSecrets);
    }
}
