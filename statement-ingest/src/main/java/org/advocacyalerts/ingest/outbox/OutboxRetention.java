package org.advocacyalerts.ingest.outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.store.OutboxStore;
import org.advocacyalerts.support.BatchedDelete;

/**
 * Deletes outbox rows published longer ago than {@code ingest.retention.outbox}: once on Kafka, a row is
 * only history (the statement itself is kept). Rows waiting or moved aside are never deleted.
 */
@ApplicationScoped
public class OutboxRetention {

    private final DataSource dataSource;
    private final IngestConfig config;
    private final Clock clock;
    private final OutboxStore outbox;

    OutboxRetention(DataSource dataSource, IngestConfig config, Clock clock, OutboxStore outbox) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.outbox = outbox;
    }

    @Scheduled(
            every = "${ingest.retention.check-interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            Log.warnf("outbox retention did not run (tried again later): %s", e.getMessage());
        }
    }

    /** Deletes what is past its period; returns how many rows went. */
    public long purge() {
        Instant before = clock.instant().minus(config.retention().outbox());
        long deleted = BatchedDelete.run(dataSource, c -> outbox.deletePublishedBefore(c, before, BatchedDelete.BATCH));
        if (deleted > 0) {
            Log.infof("retention: %d published outbox rows from before %s deleted", deleted, before);
        }
        return deleted;
    }
}
