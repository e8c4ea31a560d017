package org.advocacyalerts.dispatcher.delivery;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import javax.sql.DataSource;
import org.advocacyalerts.support.Jdbc;

/**
 * The database server's clock, read from this JVM: the one clock every replica shares. Delivery claims
 * (leases) are taken and judged by it, so two replicas whose own clocks disagree (by 45 s, say) never
 * both believe they hold a claim. This JVM's clock is compared with the database's at start and every
 * 30 s (the round trip's midpoint; its error is half a round trip, milliseconds); between comparisons
 * the offset is added to the JVM's clock. Until the first comparison succeeds the offset is zero.
 */
@ApplicationScoped
public class DatabaseClock {

    /** An offset past this is worth an operator's attention: the host's time service is off. */
    private static final long WARN_MILLIS = 2_000;

    private final DataSource dataSource;
    private volatile long offsetMillis;

    DatabaseClock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Now, by the database's clock. */
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis);
    }

    void onStart(@Observes StartupEvent event) {
        sync();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sync() {
        try {
            long sent = System.nanoTime();
            Instant before = Instant.now();
            Instant database = Jdbc.inTransaction(dataSource, Jdbc::databaseClock);
            long roundTrip = (System.nanoTime() - sent) / 1_000_000;
            long offset = database.toEpochMilli() - (before.toEpochMilli() + roundTrip / 2);
            if (Math.abs(offset) > WARN_MILLIS && Math.abs(offset - offsetMillis) > WARN_MILLIS) {
                Log.warnf(
                        "this host's clock is %d ms off the database's; delivery claims follow the database's",
                        -offset);
            }
            offsetMillis = offset;
        } catch (RuntimeException e) {
            Log.debugf("database clock not read (the last offset stands): %s", e.getMessage());
        }
    }
}
