package org.advocacyalerts.ingest.source;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.advocacyalerts.ingest.config.IngestConfig;

/** Every tick, polls the sources that are due, one after the other, until none is. */
@ApplicationScoped
class PollSchedule {

    /** A tick ends after this many polls so shutdown and other ticks are not held up for long. */
    static final int MAX_PER_TICK = 50;

    private final SourcePoller poller;
    private final IngestConfig config;

    PollSchedule(SourcePoller poller, IngestConfig config) {
        this.poller = poller;
        this.config = config;
    }

    @Scheduled(
            every = "${ingest.poll.tick:1s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.poll().enabled()) {
            return;
        }
        try {
            for (int i = 0; i < MAX_PER_TICK && poller.pollNextDue().isPresent(); i++) {
                // each poll records its own outcome on the source
            }
        } catch (RuntimeException e) {
            Log.warnf("polling paused until the next tick: %s", e.getMessage());
        }
    }
}
